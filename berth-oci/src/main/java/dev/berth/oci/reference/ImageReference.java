package dev.berth.oci.reference;

import static dev.berth.oci.reference.ReferenceGrammar.invalid;

import java.util.Objects;
import java.util.Optional;

/**
 * An image reference, {@code [domain/]path[:tag][@digest]}, normalized as Docker normalizes it.
 *
 * <p>Parsing follows Docker's {@code ParseNormalizedNamed}: a first component is the registry
 * domain only if it contains '.' or ':', is {@code localhost}, or has an uppercase letter;
 * otherwise the domain is {@code docker.io}. {@code index.docker.io} is read as {@code docker.io},
 * and a single-component path on {@code docker.io} gets the {@code library/} prefix. So {@code
 * busybox}, {@code library/busybox}, {@code docker.io/busybox} and {@code
 * index.docker.io/library/busybox} all name {@code docker.io/library/busybox}.
 *
 * <p>The tag and digest are kept as written: {@link #tag()} is empty when none was given, and
 * {@link #tagOrLatest()} and {@link #toString()} supply Docker's default {@code latest} when the
 * reference has neither tag nor digest. A tag and a digest may both be present. The digest is a
 * checked string ({@code sha256:} + 64 lowercase hex, also {@code sha384}, {@code sha512}).
 *
 * <p>Immutable; equality is by domain, path, tag as written and digest. Every refusal is a
 * {@link dev.berth.error.BerthException} of kind INVALID_ARGUMENT whose message gives Docker's
 * reason and quotes the input.
 */
public final class ImageReference {
  /** The registry that references without a domain name. */
  public static final String DEFAULT_DOMAIN = "docker.io";

  /** The host actually contacted for {@link #DEFAULT_DOMAIN}. */
  public static final String DEFAULT_REGISTRY_HOST = "registry-1.docker.io";

  /** The tag meant when a reference has neither tag nor digest. */
  public static final String DEFAULT_TAG = "latest";

  private static final String LEGACY_DEFAULT_DOMAIN = "index.docker.io";
  private static final String OFFICIAL_PREFIX = "library/";

  private final String domain;
  private final String path;
  private final String tag; // null when not given
  private final String digest; // null when not given

  private ImageReference(String domain, String path, String tag, String digest) {
    this.domain = domain;
    this.path = path;
    this.tag = tag;
    this.digest = digest;
  }

  /**
   * Parses a reference as the Docker CLI and daemon do, e.g. {@code busybox}, {@code
   * localhost:5000/foo:bar}, {@code example.com/a/b@sha256:…}.
   *
   * @throws dev.berth.error.BerthException (INVALID_ARGUMENT) naming Docker's reason and the input
   */
  public static ImageReference parse(String input) {
    Objects.requireNonNull(input, "input");
    if (ReferenceGrammar.isImageId(input)) {
      throw invalid(
          "invalid repository name, cannot specify 64-byte hexadecimal strings", input);
    }
    // Choose the domain as Docker does, before checking the grammar.
    String domain;
    String remainder;
    int slash = input.indexOf('/');
    String first = slash < 0 ? null : input.substring(0, slash);
    if (first == null) {
      domain = DEFAULT_DOMAIN;
      remainder = input;
    } else if (first.equals("localhost")
        || first.contains(".")
        || first.contains(":")
        || !ReferenceGrammar.lower(first).equals(first)) {
      domain = first.equals(LEGACY_DEFAULT_DOMAIN) ? DEFAULT_DOMAIN : first;
      remainder = input.substring(slash + 1);
    } else {
      domain = DEFAULT_DOMAIN;
      remainder = input;
    }
    if (domain.equals(DEFAULT_DOMAIN) && !remainder.contains("/")) {
      remainder = OFFICIAL_PREFIX + remainder;
    }
    String remote = beforeTag(remainder);
    if (!ReferenceGrammar.lower(remote).equals(remote)) {
      throw invalid(
          "invalid reference format: repository name (" + remote + ") must be lowercase", input);
    }
    ReferenceGrammar.Parts parts = ReferenceGrammar.split(domain + "/" + remainder);
    if (parts == null) {
      String full = domain + "/" + remainder;
      String lower = ReferenceGrammar.lower(full);
      if (!lower.equals(full) && ReferenceGrammar.split(lower) != null) {
        throw invalid("repository name must be lowercase", input);
      }
      throw invalid("invalid reference format", input);
    }
    // Docker would keep e.g. "foo_bar.com/x" as a path with no domain; Berth needs a registry.
    if (parts.domain().isEmpty()) {
      throw invalid("invalid reference format", input);
    }
    if (parts.path().length() > ReferenceGrammar.PATH_MAX) {
      throw invalid(
          "repository name must not be more than " + ReferenceGrammar.PATH_MAX + " characters",
          input);
    }
    if (parts.digest() != null) {
      checkDigest(parts.digest(), input);
    }
    return new ImageReference(parts.domain(), parts.path(), parts.tag(), parts.digest());
  }

  /** Docker's docker.io split, done on the raw text: the remote name ends at the first ':'. */
  private static String beforeTag(String remainder) {
    int colon = remainder.indexOf(':');
    return colon < 0 ? remainder : remainder.substring(0, colon);
  }

  private static void checkDigest(String digest, String input) {
    String problem = ReferenceGrammar.digestProblem(digest);
    if (problem != null) {
      throw invalid(problem, input);
    }
  }

  /** The registry as written or normalized, e.g. {@code docker.io}, {@code localhost:5000}. */
  public String domain() {
    return domain;
  }

  /** The repository path inside the registry, e.g. {@code library/busybox}. */
  public String path() {
    return path;
  }

  /** The repository name for registry API routes ({@code /v2/<repository>/…}); same as path. */
  public String repository() {
    return path;
  }

  /** {@code domain/path}, e.g. {@code docker.io/library/busybox}. */
  public String name() {
    return domain + "/" + path;
  }

  /** The tag as written; empty if the reference gave none. */
  public Optional<String> tag() {
    return Optional.ofNullable(tag);
  }

  /** The digest, e.g. {@code sha256:…}; empty if the reference gave none. */
  public Optional<String> digest() {
    return Optional.ofNullable(digest);
  }

  /** The tag as written, or {@code latest}. */
  public String tagOrLatest() {
    return tag == null ? DEFAULT_TAG : tag;
  }

  /** Whether the reference pins a digest and gives no tag. */
  public boolean isDigestOnly() {
    return digest != null && tag == null;
  }

  /** The host to contact: {@code registry-1.docker.io} for docker.io, else the domain. */
  public String registryHost() {
    return domain.equals(DEFAULT_DOMAIN) ? DEFAULT_REGISTRY_HOST : domain;
  }

  /** This reference with the given tag, keeping any digest. */
  public ImageReference withTag(String newTag) {
    Objects.requireNonNull(newTag, "tag");
    if (!ReferenceGrammar.isTag(newTag)) {
      throw invalid("invalid tag format", newTag);
    }
    return new ImageReference(domain, path, newTag, digest);
  }

  /** This reference with the given digest, keeping any tag. */
  public ImageReference withDigest(String newDigest) {
    Objects.requireNonNull(newDigest, "digest");
    checkDigest(newDigest, newDigest);
    return new ImageReference(domain, path, tag, newDigest);
  }

  /**
   * Docker's short name: no {@code docker.io/}, and no {@code library/} when one component is
   * left; e.g. {@code busybox}, {@code foo/bar}, {@code localhost:5000/foo}.
   */
  public String familiarName() {
    if (!domain.equals(DEFAULT_DOMAIN)) {
      return name();
    }
    if (path.startsWith(OFFICIAL_PREFIX)
        && path.indexOf('/', OFFICIAL_PREFIX.length()) < 0) {
      return path.substring(OFFICIAL_PREFIX.length());
    }
    return path;
  }

  /**
   * Docker's short display form ({@code FamiliarString}): the familiar name with the tag and digest
   * as written, e.g. {@code busybox:latest}, {@code foo/bar}, {@code example.com/a:1@sha256:…}.
   */
  public String familiar() {
    return withSuffix(familiarName(), tag);
  }

  /**
   * The fully normalized form, e.g. {@code docker.io/library/busybox:latest}: {@code latest} is
   * added when there is neither tag nor digest.
   */
  @Override
  public String toString() {
    return withSuffix(name(), tag == null && digest == null ? DEFAULT_TAG : tag);
  }

  private String withSuffix(String base, String shownTag) {
    StringBuilder s = new StringBuilder(base);
    if (shownTag != null) {
      s.append(':').append(shownTag);
    }
    if (digest != null) {
      s.append('@').append(digest);
    }
    return s.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ImageReference r
        && domain.equals(r.domain)
        && path.equals(r.path)
        && Objects.equals(tag, r.tag)
        && Objects.equals(digest, r.digest);
  }

  @Override
  public int hashCode() {
    return Objects.hash(domain, path, tag, digest);
  }
}
