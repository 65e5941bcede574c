package dev.berth.registry.server.http;

import dev.berth.registry.server.ErrorCode;
import dev.berth.registry.server.RegistryException;
import dev.berth.registry.server.auth.TokenService;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The token service's endpoint: {@code GET /token?service=&scope=} with optional Basic
 * credentials (Docker's and skopeo's flow), and the OAuth2 form {@code POST /token} with
 * {@code grant_type=password} (username, password, service, scope). No refresh tokens are
 * issued, so {@code grant_type=refresh_token} is refused.
 */
final class TokenEndpoint {
  private static final int MAX_FORM = 64 * 1024;
  private final TokenService tokens;

  TokenEndpoint(TokenService tokens) {
    this.tokens = tokens;
  }

  BodySink open(Request r) {
    if (tokens == null) {
      throw new RegistryException(ErrorCode.UNSUPPORTED, 404, "this registry issues no tokens");
    }
    return switch (r.method()) {
      case "GET" -> BodySink.ignoring(() -> answer(tokens.issue(r.header("Authorization"),
          r.param("service"), r.params("scope"))));
      case "POST" -> form();
      default -> throw new RegistryException(ErrorCode.UNSUPPORTED, r.method()
          + " /token is not supported");
    };
  }

  private BodySink form() {
    return new BodySink() {
      private final ByteArrayOutputStream body = new ByteArrayOutputStream();

      @Override
      public void accept(ByteBuf chunk) throws Exception {
        if (body.size() + chunk.readableBytes() > MAX_FORM) {
          throw new RegistryException(ErrorCode.SIZE_INVALID, 413, "token request form over "
              + MAX_FORM + " bytes");
        }
        chunk.readBytes(body, chunk.readableBytes());
      }

      @Override
      public Reply finish() throws Exception {
        Map<String, List<String>> form = new QueryStringDecoder(
            body.toString(StandardCharsets.UTF_8), false).parameters();
        String grant = first(form, "grant_type");
        if (!"password".equals(grant)) {
          return Errors.reply(ErrorCode.UNSUPPORTED, 400, "unsupported grant_type \"" + grant
              + "\" (this service issues no refresh tokens)");
        }
        String user = first(form, "username");
        String password = first(form, "password");
        String basic = user == null ? null : "Basic " + Base64.getEncoder().encodeToString(
            (user + ":" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8));
        return answer(tokens.issue(basic, first(form, "service"),
            form.getOrDefault("scope", List.of())));
      }
    };
  }

  private static String first(Map<String, List<String>> form, String key) {
    List<String> values = form.get(key);
    return values == null || values.isEmpty() ? null : values.getFirst();
  }

  private static Reply answer(TokenService.Answer answer) {
    if (answer.status() != 200) {
      return Errors.reply(answer.status() == 401 ? ErrorCode.UNAUTHORIZED : ErrorCode.DENIED,
          answer.status(), answer.message());
    }
    return Reply.json(200, answer.body(), "application/json");
  }
}
