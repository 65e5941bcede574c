package dev.berth.registry.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/**
 * Sends every request of one {@link RegistryClient}: adds authorization for the request's
 * scopes, answers a 401 challenge once, retries transient failures (connection errors, 5xx, 429)
 * with back-off, and turns the registry's error bodies into {@link RegistryException}s.
 * Interpreting a status (is 404 "absent" or an error?) is the endpoint class's job.
 */
final class RegistryCaller {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final int ATTEMPTS = 4;

  private final RegistryEndpoint endpoint;
  private final Authenticator auth;

  RegistryCaller(RegistryEndpoint endpoint, Credentials credentials) {
    this.endpoint = endpoint;
    this.auth = new Authenticator(endpoint, credentials);
  }

  RegistryEndpoint endpoint() {
    return endpoint;
  }

  /**
   * Sends the request {@code request} builds (called again for each attempt) and returns the
   * response of whatever status, after authentication and retries.
   */
  <T> HttpResponse<T> send(Supplier<HttpRequest.Builder> request,
      HttpResponse.BodyHandler<T> handler, List<String> scopes) {
    return send(request, handler, scopes, ATTEMPTS);
  }

  /**
   * Like {@link #send} but never repeated after a failure (an authentication round still is):
   * for requests that may have changed the registry half way, such as appending to an upload,
   * where the caller must start over rather than send the same bytes again.
   */
  <T> HttpResponse<T> sendOnce(Supplier<HttpRequest.Builder> request,
      HttpResponse.BodyHandler<T> handler, List<String> scopes) {
    return send(request, handler, scopes, 1);
  }

  private <T> HttpResponse<T> send(Supplier<HttpRequest.Builder> request,
      HttpResponse.BodyHandler<T> handler, List<String> scopes, int attempts) {
    boolean retriedAuth = false;
    for (int attempt = 1; ; attempt++) {
      HttpResponse<T> r;
      HttpRequest sent;
      try {
        HttpRequest.Builder b = request.get()
            .header("User-Agent", "berth/0.1 (docker-compatible)");
        auth.header(scopes).ifPresent(h -> b.header("Authorization", h));
        sent = b.build();
        r = endpoint.http().send(sent, handler);
      } catch (IOException e) {
        if (attempt >= attempts) {
          throw new RegistryException(endpoint.base() + ": " + describe(e), e);
        }
        backOff(attempt);
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RegistryException("interrupted talking to " + endpoint.base(), e);
      }
      int status = r.statusCode();
      if (status == 401) {
        boolean retry = !retriedAuth && auth.challenged(
            r.headers().firstValue("WWW-Authenticate").orElse(null), scopes);
        if (auth.basicWithoutCredentials()) {
          discard(r);
          throw RegistryException.noBasicAuth(sent.method(), sent.uri()); // docker does not try
        }
        if (retry) {
          discard(r);
          retriedAuth = true;
          attempt--; // an authentication round is no failed attempt
          continue;
        }
      }
      if ((status >= 500 || status == 429) && attempt < attempts) {
        discard(r);
        backOff(attempt);
        continue;
      }
      return r;
    }
  }

  /** The error for a response the endpoint did not expect, naming {@code doing}. */
  static RegistryException error(HttpResponse<?> r, String doing) {
    byte[] body = new byte[0];
    Object b = r.body();
    try {
      if (b instanceof byte[] bytes) {
        body = bytes;
      } else if (b instanceof InputStream in) {
        try (in) {
          body = in.readNBytes(64 * 1024);
        }
      } else if (b instanceof String s) {
        body = s.getBytes(StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      // the status alone has to do
    }
    return error(r.statusCode(), body, doing);
  }

  /** Parses distribution's {@code {"errors":[{"code","message"}]}} if the body is one. */
  static RegistryException error(int status, byte[] body, String doing) {
    String code = "";
    String message = "";
    try {
      JsonNode errors = JSON.readTree(body).path("errors");
      if (errors.isArray() && !errors.isEmpty()) {
        code = errors.get(0).path("code").asText("");
        message = errors.get(0).path("message").asText("");
      }
    } catch (IOException | RuntimeException e) {
      // not JSON: keep the status
    }
    if (message.isEmpty()) {
      message = switch (status) {
        case 401 -> "unauthorized: authentication required";
        case 403 -> "denied: requested access to the resource is denied";
        case 404 -> "not found";
        default -> "HTTP status " + status;
      };
    } else if (!code.isEmpty() && status == 401) {
      message = code.toLowerCase() + ": " + message;
    }
    if (status == 401) {
      return new RegistryException(status, code, message); // docker's words, with nothing added
    }
    return new RegistryException(status, code, doing + ": " + message);
  }

  private static void discard(HttpResponse<?> r) {
    if (r.body() instanceof InputStream in) {
      try (in) {
        in.transferTo(java.io.OutputStream.nullOutputStream());
      } catch (IOException e) {
        // the connection is dropped then
      }
    }
  }

  static void backOff(int attempt) {
    try {
      Thread.sleep(Math.min(200L << (attempt - 1), 5000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException("interrupted while retrying", e);
    }
  }

  private static String describe(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
