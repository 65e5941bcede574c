/** Image references ({@code [domain/]path[:tag][@digest]}) parsed and normalized as Docker does. */
package dev.berth.oci.reference;
