/**
 * The OCI runtime spec's {@code config.json} as immutable records, read with Jackson. Unknown
 * properties are ignored, as the spec asks; validation lives with the runtime that acts on them.
 */
package dev.berth.oci.runtime;
