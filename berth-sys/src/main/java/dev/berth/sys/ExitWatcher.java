package dev.berth.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One thread that waits for the end of many processes that are not our children: each one's
 * pidfd in a single epoll set. A daemon with a thousand idle containers then has one waiting
 * thread, not a thousand (each held a stack and the JVM's per-thread state: tens of KiB of
 * resident memory per container).
 */
public final class ExitWatcher implements AutoCloseable {
  private static final int EPOLL_CLOEXEC = 0x80000;
  private static final int EFD_CLOEXEC = 0x80000;
  private static final int EPOLL_CTL_ADD = 1;
  private static final int EPOLLIN = 1;
  /** struct epoll_event: u32 events, u64 data; packed to 12 bytes on x86-64 only. */
  private static final int EVENT_SIZE =
      System.getProperty("os.arch").equals("amd64") ? 12 : 16;
  private static final int DATA_OFFSET = EVENT_SIZE == 12 ? 4 : 8;
  private static final int BATCH = 32;

  private static final Linker LINKER = Linker.nativeLinker();
  private static final Linker.Option ERRNO = Linker.Option.captureCallState("errno");
  private static final MethodHandle EPOLL_CREATE1 = handle("epoll_create1",
      FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
  private static final MethodHandle EPOLL_CTL = handle("epoll_ctl",
      FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
          ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
  private static final MethodHandle EPOLL_WAIT = handle("epoll_wait",
      FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
          ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
  private static final MethodHandle EVENTFD = handle("eventfd",
      FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

  private final int epfd;
  private final int wake;
  private final Map<Integer, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();
  private final Object wakeLock = new Object(); // the eventfd is written and closed under it
  private volatile boolean closed;

  /** Starts the watching thread, named {@code name}; it ends with {@link #close}. */
  public ExitWatcher(String name) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = Libc.callState(arena);
      epfd = (int) EPOLL_CREATE1.invokeExact(state, EPOLL_CLOEXEC);
      if (epfd < 0) {
        throw new Errno("epoll_create1", Libc.errno(state));
      }
      wake = (int) EVENTFD.invokeExact(state, 0, EFD_CLOEXEC);
      if (wake < 0) {
        int e = Libc.errno(state);
        FdPassing.close(epfd);
        throw new Errno("eventfd", e);
      }
      add(arena, wake);
    } catch (Errno e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
    Thread.ofPlatform().daemon().name(name).start(this::run);
  }

  /**
   * Completes when process {@code pid} has ended; at once if it is gone already. The future
   * completes on the watching thread: whatever is chained to it must hand heavy work on.
   */
  public CompletableFuture<Void> onExit(int pid) {
    if (closed) {
      throw new IllegalStateException("the exit watcher is closed");
    }
    int fd = Pidfd.open(pid);
    if (fd < 0) {
      return CompletableFuture.completedFuture(null);
    }
    try (Arena arena = Arena.ofConfined()) {
      CompletableFuture<Void> exit = new CompletableFuture<>();
      waiting.put(fd, exit);
      try {
        add(arena, fd);
      } catch (Errno e) {
        waiting.remove(fd);
        FdPassing.close(fd);
        throw e;
      }
      return exit;
    } catch (Errno e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /** How many processes are being waited for (tests). */
  public int watching() {
    return waiting.size();
  }

  private void add(Arena arena, int fd) throws Throwable {
    MemorySegment event = arena.allocate(EVENT_SIZE, 4);
    event.set(ValueLayout.JAVA_INT, 0, EPOLLIN);
    event.set(ValueLayout.JAVA_INT_UNALIGNED, DATA_OFFSET, fd);
    MemorySegment state = Libc.callState(arena);
    if ((int) EPOLL_CTL.invokeExact(state, epfd, EPOLL_CTL_ADD, fd, event) != 0) {
      throw new Errno("epoll_ctl(pidfd " + fd + ")", Libc.errno(state));
    }
  }

  private void run() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment events = arena.allocate((long) EVENT_SIZE * BATCH, 8);
      MemorySegment state = Libc.callState(arena);
      while (!closed) {
        int n = (int) EPOLL_WAIT.invokeExact(state, epfd, events, BATCH, -1);
        if (n < 0) {
          if (Libc.errno(state) == Errno.EINTR) {
            continue;
          }
          break;
        }
        for (int i = 0; i < n; i++) {
          int fd = events.get(ValueLayout.JAVA_INT_UNALIGNED, (long) i * EVENT_SIZE + DATA_OFFSET);
          CompletableFuture<Void> exit = waiting.remove(fd);
          if (exit != null) {
            FdPassing.close(fd); // closing takes it out of the epoll set too
            exit.complete(null);
          }
        }
      }
    } catch (Throwable t) {
      waiting.values().forEach(f -> f.completeExceptionally(t));
    } finally {
      waiting.keySet().forEach(FdPassing::close);
      waiting.clear();
      synchronized (wakeLock) {
        closed = true;
        FdPassing.close(wake);
      }
      FdPassing.close(epfd);
    }
  }

  /** Ends the thread; futures not completed yet never complete. */
  @Override
  public void close() {
    synchronized (wakeLock) {
      if (closed) {
        return; // and the eventfd may be closed already: its number could be another file's
      }
      closed = true;
      wakeUp();
    }
  }

  private void wakeUp() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment one = arena.allocate(ValueLayout.JAVA_LONG);
      one.set(ValueLayout.JAVA_LONG, 0, 1L);
      long ignored = (long) Libc.WRITE.invokeExact(Libc.callState(arena), wake, one, 8L);
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  private static MethodHandle handle(String name, FunctionDescriptor fd) {
    return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), fd, ERRNO);
  }
}
