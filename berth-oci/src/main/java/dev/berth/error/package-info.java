/** The one error hierarchy of Berth: a closed set of kinds, wrapped with context where it happens. */
package dev.berth.error;
