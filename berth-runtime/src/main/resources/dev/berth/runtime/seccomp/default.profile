# Berth's default seccomp profile: the same filter, in effect, as Docker's default profile
# (moby/profiles seccomp/default.json). DefaultSeccompProfile resolves it for a container's
# capabilities, the host's architecture and the running kernel into an OCI linux.seccomp.
#
# One statement a line; '#' starts a comment.
#   default <action>                 what a syscall no rule allows gets
#   arch <host> <SCMP_ARCH_...>...   filter architectures when the host arch is <host>
#   <action> [term...]               a rule; the indented lines under it name its syscalls
#
# action: allow | errno=<EPERM|ENOSYS|number> | kill | kill_process | kill_thread | trap | log
# term, an argument filter (all filters of a rule must hold; values are unsigned, 0x for hex):
#   argN<V  argN<=V  argN==V  argN!=V  argN>=V  argN>V  argN&MASK==V
# term, a condition deciding whether the rule is emitted at all:
#   cap=A,B      only when every capability named is held
#   !cap=A,B     not when any capability named is held
#   arch=a,b     only on these host arches (amd64, arm64, s390x, ppc64le, ... as in the arch lines)
#   !arch=a,b    not on these host arches
#   kernel>=X.Y  only on kernel X.Y or newer;  kernel<X.Y  only on older kernels
#
# Syscalls no rule names fail with EPERM: that is why keyctl, add_key, request_key, userfaultfd,
# pivot_root, swapon, io_uring_*, kexec_load, ... appear nowhere below.

default errno=EPERM

# The host's native arch first, then the compat arches its kernel also runs.
arch amd64        SCMP_ARCH_X86_64 SCMP_ARCH_X86 SCMP_ARCH_X32
arch arm64        SCMP_ARCH_AARCH64 SCMP_ARCH_ARM
arch mips64       SCMP_ARCH_MIPS64 SCMP_ARCH_MIPS SCMP_ARCH_MIPS64N32
arch mips64n32    SCMP_ARCH_MIPS64N32 SCMP_ARCH_MIPS SCMP_ARCH_MIPS64
arch mipsel64     SCMP_ARCH_MIPSEL64 SCMP_ARCH_MIPSEL SCMP_ARCH_MIPSEL64N32
arch mipsel64n32  SCMP_ARCH_MIPSEL64N32 SCMP_ARCH_MIPSEL SCMP_ARCH_MIPSEL64
arch s390x        SCMP_ARCH_S390X SCMP_ARCH_S390
arch riscv64      SCMP_ARCH_RISCV64
arch loongarch64  SCMP_ARCH_LOONGARCH64

# ---- allowed for everyone ----

# processes and threads
allow
    fork vfork execve execveat exit exit_group wait4 waitid waitpid getpid getppid gettid
    getpgid getpgrp setpgid getsid setsid set_tid_address prctl getpriority setpriority
    getrusage getrlimit setrlimit ugetrlimit prlimit64 times set_robust_list get_robust_list
    rseq restart_syscall seccomp pidfd_open pidfd_send_signal process_mrelease landlock_add_rule
    landlock_create_ruleset landlock_restrict_self

# credentials
allow
    capget capset getuid getuid32 geteuid geteuid32 getgid getgid32 getegid getegid32 getresuid
    getresuid32 getresgid getresgid32 getgroups getgroups32 setuid setuid32 setgid setgid32
    setreuid setreuid32 setregid setregid32 setresuid setresuid32 setresgid setresgid32 setfsuid
    setfsuid32 setfsgid setfsgid32 setgroups setgroups32

# scheduling
allow
    sched_yield sched_getaffinity sched_setaffinity sched_getattr sched_setattr sched_getparam
    sched_setparam sched_getscheduler sched_setscheduler sched_get_priority_max
    sched_get_priority_min sched_rr_get_interval sched_rr_get_interval_time64 getcpu ioprio_get
    ioprio_set

# signals
allow
    kill tkill tgkill rt_sigaction rt_sigpending rt_sigprocmask rt_sigqueueinfo rt_sigreturn
    rt_sigsuspend rt_sigtimedwait rt_sigtimedwait_time64 rt_tgsigqueueinfo sigaltstack
    sigprocmask sigreturn signalfd signalfd4 pause

# time and timers
allow
    time gettimeofday clock_gettime clock_gettime64 clock_getres clock_getres_time64
    clock_nanosleep clock_nanosleep_time64 nanosleep adjtimex clock_adjtime clock_adjtime64
    alarm getitimer setitimer timer_create timer_delete timer_getoverrun timer_gettime
    timer_gettime64 timer_settime timer_settime64 timerfd_create timerfd_gettime
    timerfd_gettime64 timerfd_settime timerfd_settime64

# memory
allow
    brk mmap mmap2 munmap mremap mprotect madvise mincore msync mlock mlock2 mlockall munlock
    munlockall remap_file_pages membarrier memfd_create memfd_secret pkey_alloc pkey_free
    pkey_mprotect map_shadow_stack mseal

# futexes
allow
    futex futex_time64 futex_requeue futex_wait futex_waitv futex_wake

# file descriptors and I/O
allow
    read write readv writev pread64 pwrite64 preadv pwritev preadv2 pwritev2 lseek _llseek close
    close_range dup dup2 dup3 fcntl fcntl64 ioctl flock pipe pipe2 sendfile sendfile64 splice
    tee vmsplice copy_file_range readahead fadvise64 fadvise64_64 fallocate fsync fdatasync sync
    syncfs sync_file_range

# file system names
allow
    open openat openat2 creat access faccessat faccessat2 chdir fchdir getcwd mkdir mkdirat
    mknod mknodat rmdir link linkat symlink symlinkat unlink unlinkat rename renameat renameat2
    readlink readlinkat truncate truncate64 ftruncate ftruncate64 chmod fchmod fchmodat
    fchmodat2 chown chown32 fchown fchown32 fchownat lchown lchown32 umask utime utimes
    utimensat utimensat_time64 futimesat getdents getdents64 name_to_handle_at

# file status
allow
    stat stat64 lstat lstat64 fstat fstat64 fstatat64 newfstatat statx statfs statfs64 fstatfs
    fstatfs64 statmount listmount

# extended attributes
allow
    getxattr lgetxattr fgetxattr getxattrat setxattr lsetxattr fsetxattr setxattrat listxattr
    llistxattr flistxattr listxattrat removexattr lremovexattr fremovexattr removexattrat

# waiting on descriptors
allow
    select _newselect pselect6 pselect6_time64 poll ppoll ppoll_time64 epoll_create
    epoll_create1 epoll_ctl epoll_ctl_old epoll_wait epoll_wait_old epoll_pwait epoll_pwait2
    eventfd eventfd2 inotify_init inotify_init1 inotify_add_watch inotify_rm_watch fanotify_mark

# asynchronous I/O
allow
    io_setup io_destroy io_submit io_cancel io_getevents io_pgetevents io_pgetevents_time64

# sockets (socket itself is filtered by family below)
allow
    socketpair socketcall bind listen accept accept4 connect shutdown getsockname getpeername
    getsockopt setsockopt send sendto sendmsg sendmmsg recv recvfrom recvmsg recvmmsg
    recvmmsg_time64

# System V and POSIX IPC
allow
    ipc msgget msgsnd msgrcv msgctl semget semop semtimedop semtimedop_time64 semctl shmget
    shmat shmdt shmctl mq_open mq_unlink mq_notify mq_getsetattr mq_timedsend
    mq_timedsend_time64 mq_timedreceive mq_timedreceive_time64

# system information
allow
    uname sysinfo getrandom get_thread_area set_thread_area cachestat riscv_hwprobe uretprobe

# Cross-process memory access and ptrace could bypass seccomp before 4.8 (the filter was not
# rerun after a tracer changed the syscall); from 4.8 on they are safe without CAP_SYS_PTRACE.
allow kernel>=4.8
    process_vm_readv process_vm_writev ptrace

# socket for every family except AF_ALG (38, the kernel crypto API) and AF_VSOCK (40). One rule
# cannot say "neither" (filters of a rule are ANDed per argument), so three ranges.
allow arg0<38
    socket
allow arg0==39
    socket
allow arg0>40
    socket

# personality: PER_LINUX, PER_LINUX32, UNAME26, PER_LINUX32|UNAME26, and 0xffffffff (query).
allow arg0==0
    personality
allow arg0==0x8
    personality
allow arg0==0x20000
    personality
allow arg0==0x20008
    personality
allow arg0==0xffffffff
    personality

# ---- architecture specific ----

allow arch=ppc64le
    sync_file_range2 swapcontext
allow arch=arm,arm64
    arm_fadvise64_64 arm_sync_file_range sync_file_range2 breakpoint cacheflush set_tls
allow arch=amd64,x32
    arch_prctl
allow arch=amd64,x32,x86
    modify_ldt
allow arch=s390,s390x
    s390_pci_mmio_read s390_pci_mmio_write s390_runtime_instr
allow arch=riscv64
    riscv_flush_icache

# ---- by capability ----

allow cap=CAP_DAC_READ_SEARCH
    open_by_handle_at

allow cap=CAP_SYS_ADMIN
    bpf clone clone3 fanotify_init fsconfig fsmount fsopen fspick lookup_dcookie
    lsm_get_self_attr lsm_list_modules lsm_set_self_attr mount mount_setattr move_mount open_tree
    perf_event_open quotactl quotactl_fd setdomainname sethostname setns syslog umount umount2
    unshare

# Without CAP_SYS_ADMIN, clone only without namespace flags: CLONE_NEWNS|NEWCGROUP|NEWUTS|NEWIPC|
# NEWUSER|NEWPID|NEWNET = 0x7E020000 must all be clear. s390 passes the flags second.
allow arg0&0x7E020000==0 !cap=CAP_SYS_ADMIN !arch=s390,s390x
    clone
allow arg1&0x7E020000==0 !cap=CAP_SYS_ADMIN arch=s390,s390x
    clone

# clone3 keeps its flags in memory a filter cannot read: ENOSYS makes libc fall back to clone.
errno=ENOSYS !cap=CAP_SYS_ADMIN
    clone3

allow cap=CAP_SYS_BOOT
    reboot
allow cap=CAP_SYS_CHROOT
    chroot
allow cap=CAP_SYS_MODULE
    delete_module init_module finit_module
allow cap=CAP_SYS_PACCT
    acct
allow cap=CAP_SYS_PTRACE
    kcmp pidfd_getfd process_madvise process_vm_readv process_vm_writev ptrace
allow cap=CAP_SYS_RAWIO
    iopl ioperm
allow cap=CAP_SYS_TIME
    settimeofday stime clock_settime clock_settime64
allow cap=CAP_SYS_TTY_CONFIG
    vhangup
allow cap=CAP_SYS_NICE
    get_mempolicy mbind set_mempolicy set_mempolicy_home_node
allow cap=CAP_SYSLOG
    syslog
allow cap=CAP_BPF
    bpf
allow cap=CAP_PERFMON
    perf_event_open
