package dev.berth.sys;

/** A failed syscall: its name, the errno and the kernel's words for it. */
public final class Errno extends RuntimeException {
  private final int errno;

  Errno(String call, int errno) {
    super(call + ": " + Libc.strerror(errno));
    this.errno = errno;
  }

  public int errno() {
    return errno;
  }

  public static final int EPERM = 1;
  public static final int ENOENT = 2;
  public static final int ESRCH = 3;
  public static final int EINTR = 4;
  public static final int EAGAIN = 11;
  public static final int EBUSY = 16;
}
