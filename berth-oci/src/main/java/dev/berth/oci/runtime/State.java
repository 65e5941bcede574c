package dev.berth.oci.runtime;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** The OCI state of a container, as {@code state} prints it and hooks read it on stdin. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record State(
    String ociVersion, String id, String status, Integer pid, String bundle, Map<String, String> annotations) {}
