/** Reading and checking a bundle's config.json, and the kernel's names for what it asks. */
package dev.berth.runtime.spec;
