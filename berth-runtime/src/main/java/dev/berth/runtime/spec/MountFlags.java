package dev.berth.runtime.spec;

/** The kernel's MS_* mount flags (linux/mount.h), as the plan carries them. */
public final class MountFlags {
  public static final long RDONLY = 1;
  public static final long NOSUID = 2;
  public static final long NODEV = 4;
  public static final long NOEXEC = 8;
  public static final long SYNCHRONOUS = 16;
  public static final long REMOUNT = 32;
  public static final long MANDLOCK = 64;
  public static final long DIRSYNC = 128;
  public static final long NOSYMFOLLOW = 256;
  public static final long NOATIME = 1024;
  public static final long NODIRATIME = 2048;
  public static final long BIND = 4096;
  public static final long REC = 16384;
  public static final long UNBINDABLE = 1 << 17;
  public static final long PRIVATE = 1 << 18;
  public static final long SLAVE = 1 << 19;
  public static final long SHARED = 1 << 20;
  public static final long RELATIME = 1 << 21;
  public static final long STRICTATIME = 1 << 24;
  public static final long LAZYTIME = 1 << 25;

  private MountFlags() {}
}
