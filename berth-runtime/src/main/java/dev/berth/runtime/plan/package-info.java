/**
 * The launch plan: the flat, fully resolved description of a container process that Java hands
 * to berth-shim. Its format is defined in native/PLAN.md; {@link PlanEncoding} is the one place
 * on this side that knows the encoding.
 */
package dev.berth.runtime.plan;
