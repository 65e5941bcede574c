/**
 * cgroups v1 and v2 through cgroupfs: create a container's cgroup, write its limits, freeze it,
 * read its statistics and remove it. {@link dev.berth.runtime.cgroup.CgroupDriver} is the entry
 * point; everything else but the two interfaces and their value types is package-private.
 */
package dev.berth.runtime.cgroup;
