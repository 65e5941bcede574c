/** The volume endpoints of the Docker Engine API over the engine's volume service. */
package dev.berth.api.volume;
