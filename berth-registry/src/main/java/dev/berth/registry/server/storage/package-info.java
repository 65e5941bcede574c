/**
 * The registry's filesystem storage. Layout under the root:
 *
 * <pre>
 * blobs/sha256/&lt;hex&gt;                         every blob and manifest, once, shared by all repositories
 * uploads/&lt;uuid&gt;/{data,repository}            an upload in progress; never read as a blob
 * uploads/.tmp-*                                  temporaries renamed into blobs/ or repositories/
 * repositories/&lt;name&gt;/_layers/&lt;alg&gt;/&lt;hex&gt;   (empty) this repository has this blob
 * repositories/&lt;name&gt;/_manifests/revisions/&lt;alg&gt;/&lt;hex&gt;  holds the manifest's media type
 * repositories/&lt;name&gt;/_manifests/tags/&lt;tag&gt;   holds the tagged digest
 * repositories/&lt;name&gt;/_referrers/&lt;alg&gt;-&lt;subject hex&gt;/&lt;alg&gt;-&lt;hex&gt;   the referrer's descriptor (JSON)
 * </pre>
 *
 * Every file becomes visible by a rename from {@code uploads/}, so a crash leaves either the old
 * state or the new one; names cannot collide with the records because a repository name's
 * components never start with {@code _}.
 */
package dev.berth.registry.server.storage;
