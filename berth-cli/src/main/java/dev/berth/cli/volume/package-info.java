/** {@code berth volume}: docker's volume commands over {@code /volumes}. */
package dev.berth.cli.volume;
