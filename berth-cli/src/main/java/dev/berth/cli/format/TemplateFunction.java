package dev.berth.cli.format;

import java.util.List;

/**
 * A function a command adds to its templates (docker's version template has getDetailsOrder).
 * Arguments arrive as the template sees them: String, Long, Double, Boolean, lists, maps,
 * JsonNode containers, Rows. Throw {@link IllegalArgumentException} to fail the call.
 */
@FunctionalInterface
public interface TemplateFunction {
  Object apply(List<Object> args);
}
