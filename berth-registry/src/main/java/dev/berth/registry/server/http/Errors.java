package dev.berth.registry.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.registry.server.ErrorCode;
import dev.berth.registry.server.RegistryException;

/** The spec's error body: {@code {"errors":[{"code","message","detail"}]}}. */
final class Errors {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Errors() {}

  static Reply reply(RegistryException e) {
    return reply(e.code(), e.status(), e.getMessage());
  }

  static Reply reply(ErrorCode code, int status, String message) {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode error = body.putArray("errors").addObject();
    error.put("code", code.name());
    error.put("message", message);
    error.putObject("detail");
    try {
      return Reply.json(status, JSON.writeValueAsBytes(body), "application/json");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
