#!/usr/bin/env python3
"""End-to-end tests of berth-shim, acting as the Java caller (PLAN.md protocols).

Run as root: python3 native/test/shim_test.py [test-name ...]
Builds a busybox rootfs in a temp dir; cleans up its mounts, cgroups and processes.
"""
import array
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
SHIM = os.path.join(HERE, '..', 'build', 'berth-shim')

MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_BIND, MS_REC = 4096, 16384
MS_PRIVATE, MS_SLAVE, MS_STRICTATIME = 1 << 18, 1 << 19, 1 << 24
ALL_CAPS = (1 << 41) - 1
CGROUP_MEM = '/sys/fs/cgroup/memory'


def enc(s):
    if s == '':
        return '%'
    out = []
    for b in s.encode():
        if b <= 0x20 or b == 0x25 or b == 0x7f:
            out.append('%%%02X' % b)
        else:
            out.append(chr(b))
    return ''.join(out)


def dec(s):
    if s == '%':
        return ''
    return re.sub(r'%([0-9A-F]{2})', lambda m: chr(int(m.group(1), 16)), s)


def line(*fields):
    return ' '.join([fields[0]] + [enc(str(f)) for f in fields[1:]])


def alive(pid):
    try:
        with open('/proc/%d/stat' % pid) as f:
            return f.read().rsplit(')', 1)[1].split()[0] != 'Z'
    except FileNotFoundError:
        return False


class World:
    """Temp dir with a busybox rootfs; tracks what must be cleaned."""

    def __init__(self):
        self.tmp = tempfile.mkdtemp(prefix='shimtest-', dir='/tmp')
        os.chmod(self.tmp, 0o755)  # user namespace roots must traverse it
        self.rootfs = os.path.join(self.tmp, 'rootfs')
        r = self.rootfs
        for d in ['bin', 'proc', 'sys', 'dev', 'tmp', 'etc', 'data', 'ro']:
            os.makedirs(os.path.join(r, d))
        shutil.copy('/usr/bin/busybox', os.path.join(r, 'bin', 'busybox'))
        for a in ['sh', 'true', 'false', 'ls', 'cat', 'id', 'echo', 'sleep', 'hostname', 'mount',
                  'ps', 'mkdir', 'grep', 'touch', 'head', 'stat', 'printf', 'readlink', 'test']:
            os.symlink('busybox', os.path.join(r, 'bin', a))
        with open(os.path.join(r, 'etc', 'secret'), 'w') as f:
            f.write('secret\n')
        os.makedirs(os.path.join(r, 'etc', 'maskdir'))
        with open(os.path.join(r, 'etc', 'maskdir', 'inner'), 'w') as f:
            f.write('inner\n')
        self.hostdata = os.path.join(self.tmp, 'hostdata')
        os.makedirs(self.hostdata)
        with open(os.path.join(self.hostdata, 'hello'), 'w') as f:
            f.write('hello from host\n')
        self.n = 0
        self.pids = []
        self.cgroups = []

    def cleanup(self):
        for pid in self.pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        time.sleep(0.2)
        for cg in self.cgroups:
            for _ in range(50):
                try:
                    os.rmdir(cg)
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    time.sleep(0.1)
        # The containers had their own mount namespaces: nothing is mounted on the host.
        with open('/proc/self/mountinfo') as f:
            leaked = [l for l in f if self.tmp in l]
        shutil.rmtree(self.tmp, ignore_errors=True)
        return leaked


def base_plan(w, rundir, sync, args, ns=('pid', 'mnt', 'uts', 'ipc', 'net'), user_ns=False,
              rootfs=True):
    L = [line('version', 1), line('id', os.path.basename(rundir)), line('rundir', rundir),
         line('sync', sync)]
    for t in ns:
        L.append(line('ns', t))
    if rootfs:
        L.append(line('rootfs', w.rootfs))
        L.append(line('rootfs_propagation', MS_SLAVE | MS_REC))
        L.append(line('mount', '/proc', 'proc', 'proc', MS_NOSUID | MS_NODEV | MS_NOEXEC, 0, ''))
        L.append(line('mount', '/dev', 'tmpfs', 'tmpfs', MS_NOSUID | MS_STRICTATIME, 0,
                      'mode=755,size=65536k'))
        L.append(line('mount', '/dev/pts', 'devpts', 'devpts', MS_NOSUID | MS_NOEXEC, 0,
                      'newinstance,ptmxmode=0666,mode=0620' + ('' if user_ns else ',gid=5')))
        L.append(line('mount', '/dev/shm', 'tmpfs', 'shm', MS_NOSUID | MS_NODEV | MS_NOEXEC, 0,
                      'mode=1777,size=65536k'))
        if not user_ns:
            L.append(line('mount', '/sys', 'sysfs', 'sysfs',
                          MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_RDONLY, 0, ''))
        for name, mi in [('null', 3), ('zero', 5), ('full', 7), ('random', 8), ('urandom', 9)]:
            L.append(line('device', '/dev/' + name, 'c', 1, mi, 0o666, 0, 0))
        L.append(line('device', '/dev/tty', 'c', 5, 0, 0o666, 0, 0))
        for t, p in [('/proc/self/fd', '/dev/fd'), ('/proc/self/fd/0', '/dev/stdin'),
                     ('/proc/self/fd/1', '/dev/stdout'), ('/proc/self/fd/2', '/dev/stderr'),
                     ('pts/ptmx', '/dev/ptmx')]:
            L.append(line('symlink', t, p))
    L.append('args ' + ' '.join(enc(a) for a in args))
    L.append(line('env', 'PATH=/usr/sbin:/usr/bin:/sbin:/bin'))
    L.append(line('env', 'HOME=/'))
    L.append(line('cwd', '/'))
    L.append(line('user', 0, 0))
    L.append(line('groups'))
    for s in ['bounding', 'effective', 'permitted']:
        L.append(line('caps', s, '%x' % ALL_CAPS))
    L.append(line('caps', 'inheritable', '0'))
    L.append(line('caps', 'ambient', '0'))
    L.append(line('no_new_privs', 0))
    return L


class Container:
    def __init__(self, w, args, extra=(), stdio='pipe', **kw):
        w.n += 1
        self.w = w
        self.rundir = os.path.join(w.tmp, 'run%d' % w.n)
        os.makedirs(self.rundir)
        self.sync_path = os.path.join(self.rundir, 'sync')
        self.log = os.path.join(self.rundir, 'ctr.log')
        self.plan = base_plan(w, self.rundir, self.sync_path, args, **kw)
        self.plan.append(line('stdio', stdio))
        if stdio == 'pipe':
            self.plan.append(line('log', self.log, 1 << 20, 3))
        self.plan += list(extra)
        self.listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.listener.bind(self.sync_path)
        self.listener.listen(1)
        self.sock = None
        self.buf = b''

    def launch(self, timeout=10):
        plan_file = os.path.join(self.rundir, 'plan')
        with open(plan_file, 'w') as f:
            f.write('\n'.join(self.plan) + '\n')
        # Like the Java caller: the shim's stdio must not be pipes we wait on (the monitor keeps
        # them until it has connected to sync).
        errf = os.path.join(self.rundir, 'shim.stderr')
        with open(errf, 'w') as ef:
            p = subprocess.run([SHIM, plan_file], stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=ef, timeout=timeout)
        with open(errf) as ef:
            assert p.returncode == 0, 'shim exited %d: %s' % (p.returncode, ef.read())
        self.listener.settimeout(timeout)
        self.sock, _ = self.listener.accept()
        self.sock.settimeout(timeout)
        with open(os.path.join(self.rundir, 'shim.pid')) as f:
            self.shim_pid = int(f.read())
        self.w.pids.append(self.shim_pid)
        return self

    def readline(self):
        while b'\n' not in self.buf:
            d = self.sock.recv(4096)
            if not d:
                raise EOFError('sync closed')
            self.buf += d
        l, self.buf = self.buf.split(b'\n', 1)
        return l.decode()

    def expect(self, kw):
        l = self.readline()
        fields = l.split(' ')
        if fields[0] != kw:
            raise AssertionError('expected %s, got %r' % (kw, ' '.join(dec(f) for f in fields)))
        return [dec(f) for f in fields[1:]]

    def create(self):
        self.launch()
        self.pid = int(self.expect('pid')[0])
        self.sock.sendall(b'continue\n')
        self.expect('created')
        return self

    def ctl(self, req):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(10)
        s.connect(os.path.join(self.rundir, 'ctl.sock'))
        s.sendall((req + '\n').encode())
        data = b''
        while not data.endswith(b'\n'):
            d = s.recv(1024)
            if not d:
                break
            data += d
        s.close()
        return data.decode().rstrip('\n')

    def start(self):
        r = self.ctl('start')
        assert r == 'ok', r
        return self

    def wait(self, timeout=20):
        self.sock.settimeout(timeout)
        code = int(self.expect('exit')[0])
        with open(os.path.join(self.rundir, 'exit')) as f:
            assert int(f.read()) == code
        # the monitor is gone once it has closed sync
        deadline = time.time() + 5
        while time.time() < deadline and alive(self.shim_pid):
            time.sleep(0.02)
        return code

    def output(self, stream='stdout'):
        out = []
        if not os.path.exists(self.log):
            return ''
        with open(self.log) as f:
            for l in f:
                m = re.match(r'^(\S+) (stdout|stderr) ([FP]) (.*)\n?$', l)
                assert m, 'bad CRI line %r' % l
                if m.group(2) == stream:
                    out.append(m.group(4) + ('\n' if m.group(3) == 'F' else ''))
        return ''.join(out)

    def run(self):
        self.create().start()
        return self.wait()


def sh(w, script, **kw):
    c = Container(w, ['sh', '-c', script], **kw)
    code = c.run()
    return code, c.output(), c.output('stderr')


# ------------------------------------------------------------------------------------- tests

def test_exit_code(w):
    code, out, _ = sh(w, 'echo hi; exit 7')
    assert code == 7, code
    assert out == 'hi\n', repr(out)


def test_namespaces_hostname(w):
    cg = os.path.join(CGROUP_MEM, 'berth-shimtest-ns-%d' % os.getpid())
    os.mkdir(cg)
    w.cgroups.append(cg)
    code, out, _ = sh(w, 'hostname; echo pid=$$; ls /sys/class/net; grep memory /proc/self/cgroup',
                      ns=('pid', 'mnt', 'uts', 'ipc', 'net', 'cgroup'),
                      extra=[line('hostname', 'berthbox'), line('cgroup', cg)])
    assert code == 0, code
    lines = out.split('\n')
    assert lines[0] == 'berthbox', out
    assert lines[1] == 'pid=1', out
    assert 'lo' in lines[2:] and 'eth0' not in out, out
    # cgroup ns unshared after joining the cgroup: the container sees its cgroup as the root
    assert re.search(r'^\d+:memory:/$', out, re.M), out


def test_ns_inodes(w):
    c = Container(w, ['sleep', '30']).create()
    for t in ['pid', 'mnt', 'uts', 'ipc', 'net']:
        assert os.readlink('/proc/%d/ns/%s' % (c.pid, t)) != os.readlink('/proc/self/ns/' + t), t
    assert c.ctl('signal 9') == 'ok'
    c.start() if False else None
    assert c.wait() == 137


def test_bind_ro_masked_readonly(w):
    extra = [line('mount', '/data', 'bind', w.hostdata, MS_BIND | MS_REC | MS_RDONLY, MS_PRIVATE, ''),
             line('masked', '/etc/secret'), line('masked', '/etc/maskdir'), line('masked', '/nonexistent'),
             line('readonly', '/ro'), line('readonly', '/nothere')]
    code, out, err = sh(w, 'cat /data/hello; touch /data/x 2>/dev/null && echo bindrw; '
                           'echo "[$(cat /etc/secret)]"; ls /etc/maskdir | wc -l 2>/dev/null; '
                           'ls /etc/maskdir; touch /ro/x 2>/dev/null && echo rorw; touch /tmp/ok && echo tmpok',
                        extra=extra)
    assert code == 0, (code, err)
    assert 'hello from host' in out, out
    assert 'bindrw' not in out, out
    assert '[]' in out, out
    assert 'inner' not in out, out
    assert 'rorw' not in out, out
    assert 'tmpok' in out, out


def test_no_mount_namespace(w):
    c = Container(w, ['true'], ns=('pid',))
    c.launch()
    msg = c.expect('error')[0]
    assert 'need a mount namespace' in msg, msg
    c = Container(w, ['sh', '-c', 'ls /etc/secret'], ns=('pid',), stdio='pipe')
    c.plan = [l for l in c.plan if not l.startswith(('mount ', 'device ', 'symlink '))]
    assert c.run() == 0 and c.output() == '/etc/secret\n', c.output()


def test_remount_directive(w):
    # PLAN.md: flags holding MS_REMOUNT are one mount(2) call as given.
    MS_REMOUNT = 32
    extra = [line('mount', '/data', 'tmpfs', 'tmpfs', 0, 0, 'size=1m'),
             line('mount', '/data', '', '', MS_REMOUNT | MS_RDONLY, 0, '')]
    code, out, err = sh(w, 'touch /data/x 2>/dev/null && echo rw; grep " /data " /proc/mounts', extra=extra)
    assert code == 0, err
    assert 'rw\n' not in out and ' ro,' in out, out


def test_readonly_root_devices(w):
    code, out, err = sh(w, 'touch /x 2>/dev/null && echo rootrw; ls -l /dev; echo z > /dev/null && echo nullok; '
                           'head -c 4 /dev/zero | wc -c; readlink /dev/fd',
                        extra=[line('readonly_rootfs', 1)])
    assert code == 0, (code, err)
    assert 'rootrw' not in out, out
    for d in ['null', 'zero', 'full', 'random', 'urandom', 'tty', 'pts', 'shm']:
        assert re.search(r'\b%s\b' % d, out), (d, out)
    assert re.search(r'^c.* 1, +3 .* null$', out, re.M), out
    assert 'nullok' in out and '/proc/self/fd' in out, out


def test_user_namespace(w):
    extra = [line('uid_map', 0, 100000, 65536), line('gid_map', 0, 100000, 65536),
             line('mount', '/data', 'bind', w.hostdata, MS_BIND | MS_REC | MS_RDONLY, 0, ''),
             line('readonly', '/ro'), line('masked', '/etc/secret'), line('readonly_rootfs', 1)]
    c = Container(w, ['sh', '-c', 'cat /proc/self/uid_map; id -u; echo hi > /dev/null && echo devok; '
                                  'cat /data/hello; touch /data/x 2>/dev/null || echo data-ro; '
                                  'touch /x 2>/dev/null || echo root-ro; cat /etc/secret; sleep 1'],
                  extra=extra, ns=('user', 'pid', 'mnt', 'uts', 'ipc', 'net'), user_ns=True)
    c.create()
    with open('/proc/%d/status' % c.pid) as f:
        st = f.read()
    assert re.search(r'^Uid:\s+100000\s', st, re.M), st
    c.start()
    code = c.wait()
    out = c.output()
    assert code == 0, (code, c.output('stderr'))
    assert re.search(r'^\s*0\s+100000\s+65536$', out, re.M), out
    assert '\n0\n' in out and 'devok' in out, out
    assert 'hello from host' in out and 'data-ro' in out and 'root-ro' in out and 'secret' not in out, out


def test_caps_dropped(w):
    keep = (1 << 0) | (1 << 1) | (1 << 10)  # chown, dac_override, net_bind_service
    extra = [line('caps', s, '%x' % keep) for s in ['bounding', 'effective', 'permitted']]
    code, out, err = sh(w, 'grep -E "^Cap(Eff|Bnd|Prm)" /proc/self/status', extra=extra)
    assert code == 0, (code, err)
    assert 'CapEff:\t%016x' % keep in out, out
    assert 'CapBnd:\t%016x' % keep in out, out


def test_user_and_nnp(w):
    code, out, err = sh(w, 'id -u; id -g; id -G; grep -E "^(NoNewPrivs|CapEff)" /proc/self/status',
                        extra=[line('user', 1000, 1000), line('groups', 10, 20),
                               line('caps', 'effective', 0), line('caps', 'permitted', 0),
                               line('no_new_privs', 1)])
    assert code == 0, (code, err)
    assert out.startswith('1000\n1000\n'), out
    assert '10' in out.split('\n')[2] and '20' in out.split('\n')[2], out
    assert 'NoNewPrivs:\t1' in out and 'CapEff:\t0000000000000000' in out, out


def test_seccomp_mkdir_eperm(w):
    extra = [line('seccomp_default', 'allow', 0), line('seccomp_arch', 'x86_64'),
             line('seccomp_rule', 'errno', 1, 'mkdir'), line('seccomp_rule', 'errno', 1, 'mkdirat'),
             line('seccomp_rule', 'errno', 1, 'no_such_syscall_xyz'),
             # arg comparison: personality(0xffffffff) is a query; forbid personality(8) only
             line('seccomp_rule', 'errno', 22, 'personality', 0, 'eq', 8, 0)]
    code, out, err = sh(w, 'mkdir /tmp/d 2>&1; echo rc=$?; grep Seccomp: /proc/self/status', extra=extra)
    assert 'rc=1' in out, out
    assert 'Operation not permitted' in out, out
    assert 'Seccomp:\t2' in out, out


def test_seccomp_nnp(w):
    extra = [line('seccomp_default', 'allow', 0), line('seccomp_rule', 'errno', 1, 'mkdirat'),
             line('seccomp_rule', 'errno', 1, 'mkdir'), line('no_new_privs', 1), line('user', 1000, 1000)]
    code, out, err = sh(w, 'mkdir /tmp/d 2>&1; echo rc=$?', extra=extra)
    assert 'rc=1' in out and 'Operation not permitted' in out, out


def test_rlimit_nofile(w):
    code, out, err = sh(w, 'ulimit -n; ulimit -Hn', extra=[line('rlimit', 7, 123, 456)])
    assert code == 0 and out == '123\n456\n', (code, out, err)


def test_umask_cwd_env(w):
    code, out, err = sh(w, 'umask; pwd; echo $FOO', extra=[line('umask', 0o27), line('cwd', '/tmp'),
                                                             line('env', 'FOO=bar baz%')])
    assert out == '0027\n/tmp\nbar baz%\n', repr(out)


def test_cri_log_and_attach(w):
    c = Container(w, ['sh', '-c', 'read x; echo got:$x; printf partial; sleep 0.3; echo err >&2; echo end'])
    c.create()
    a = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    a.settimeout(10)
    a.connect(os.path.join(c.rundir, 'attach.sock'))
    c.start()
    a.sendall(b'hello\n')
    got = {1: b'', 2: b''}
    raw = b''
    while True:
        d = a.recv(65536)
        if not d:
            break
        raw += d
    a.close()
    while raw:  # frames: stream byte, 4-byte big-endian length, data
        n = int.from_bytes(raw[1:5], 'big')
        assert len(raw) >= 5 + n, raw
        got[raw[0]] += raw[5:5 + n]
        raw = raw[5 + n:]
    assert c.wait() == 0
    assert got[1] == b'got:hello\npartialend\n', got
    assert got[2] == b'err\n', got
    with open(c.log) as f:
        log = f.read()
    lines = log.splitlines()
    ts = r'\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z'
    assert re.match(ts + r' stdout F got:hello$', lines[0]), log
    assert any(re.match(ts + r' stdout P partial$', l) for l in lines), log
    assert any(re.match(ts + r' stderr F err$', l) for l in lines), log
    assert c.output() == 'got:hello\npartialend\n', repr(c.output())


def test_attach_stdin_eof(w):
    c = Container(w, ['sh', '-c', 'cat; echo done'])
    c.create()
    a = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    a.settimeout(10)
    a.connect(os.path.join(c.rundir, 'attach.sock'))
    c.start()
    a.sendall(b'abc\n')
    a.shutdown(socket.SHUT_WR)
    assert c.wait() == 0
    assert c.output() == 'abc\ndone\n', repr(c.output())


def test_stdin_closed(w):
    code, out, _ = sh(w, 'cat; echo eof', extra=[line('stdin_open', 0)])
    assert code == 0 and out == 'eof\n', (code, out)
    c = Container(w, ['sh', '-c', 'cat; echo eof2']).create().start()
    assert c.ctl('closestdin') == 'ok'
    assert c.wait() == 0 and c.output() == 'eof2\n', c.output()


def test_exec_terminal(w):
    c = Container(w, ['sleep', '100']).create().start()
    try:
        extra = [line('ns', t, '/proc/%d/ns/%s' % (c.pid, t)) for t in ['pid', 'mnt', 'uts', 'ipc', 'net']]
        logp = os.path.join(w.tmp, 'exec-tty.log')
        e = Container(w, ['sh', '-c', 'tty; echo exec-tty-ok'], ns=(), rootfs=False, stdio='inherit',
                      extra=extra + [line('terminal', 1), line('log', logp, 0, 1)])
        e.log = logp
        assert e.run() == 0
        assert 'exec-tty-ok' in e.output() and '/dev/pts/' in e.output(), e.output()
    finally:
        c.ctl('signal 9')
        c.wait()


def test_log_rotation(w):
    c = Container(w, ['sh', '-c', 'i=0; while [ $i -lt 200 ]; do echo line-$i-xxxxxxxxxxxxxxxxxxxxxxxx; i=$((i+1)); done'])
    c.plan = [l for l in c.plan if not l.startswith('log ')] + [line('log', c.log, 2000, 3)]
    assert c.run() == 0
    files = sorted(f for f in os.listdir(c.rundir) if f.startswith('ctr.log'))
    assert files == ['ctr.log', 'ctr.log.1', 'ctr.log.2'], files
    for f in files:
        assert os.path.getsize(os.path.join(c.rundir, f)) <= 2000


def test_console_socket(w):
    cs_path = os.path.join(w.tmp, 'console.sock')
    ls = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    ls.bind(cs_path)
    ls.listen(1)
    c = Container(w, ['sh', '-c', 'tty; stty size; echo term-ok; sleep 1'], stdio='inherit',
                  extra=[line('terminal', 1), line('console_socket', cs_path), line('console_size', 30, 100)])
    c.launch()
    ls.settimeout(10)
    conn, _ = ls.accept()
    msg, fds, _, _ = socket.recv_fds(conn, 16, 1)
    assert len(fds) == 1, (msg, fds)
    master = fds[0]
    c.pid = int(c.expect('pid')[0])
    c.sock.sendall(b'continue\n')
    c.expect('created')
    c.start()
    data = b''
    os.set_blocking(master, True)
    end = time.time() + 10
    while b'term-ok' not in data and time.time() < end:
        try:
            d = os.read(master, 4096)
        except OSError:
            break
        if not d:
            break
        data += d
    code = c.wait()
    os.close(master)
    ls.close()
    assert code == 0, code
    assert b'/dev/pts/0' in data or b'/dev/console' in data, data
    assert b'30 100' in data, data


def test_owned_pty(w):
    c = Container(w, ['sh', '-c', 'tty; echo owned-ok'], stdio='inherit',
                  extra=[line('terminal', 1), line('log', os.path.join(w.tmp, 'pty.log'), 0, 1)])
    c.log = os.path.join(w.tmp, 'pty.log')
    assert c.run() == 0
    out = c.output()
    assert 'owned-ok' in out, out


def test_signal_via_ctl(w):
    c = Container(w, ['sleep', '100']).create().start()
    time.sleep(0.2)
    assert os.path.exists(os.path.join(c.rundir, 'started'))
    assert c.ctl('signal 9') == 'ok'
    assert c.wait() == 137
    assert not os.path.exists(os.path.join(c.rundir, 'ctl.sock'))


def test_exec_join(w):
    c = Container(w, ['sleep', '100'], extra=[line('hostname', 'joinme')]).create().start()
    try:
        extra = [line('ns', t, '/proc/%d/ns/%s' % (c.pid, t)) for t in ['pid', 'mnt', 'uts', 'ipc', 'net']]
        e = Container(w, ['sh', '-c', 'hostname; ps -o pid,comm | grep -c sleep; pwd'],
                      ns=(), rootfs=False, extra=extra + [line('cwd', '/tmp')])
        e.plan = [l for l in e.plan if not l.startswith('cwd /') or l == 'cwd /tmp']
        e.create()
        # CVE-2019-5736: a shim entering a running container runs from a sealed memfd copy.
        exe = os.readlink('/proc/%d/exe' % e.shim_pid)
        assert exe.startswith('/memfd:berth-shim'), exe
        e.start()
        code = e.wait()
        out = e.output()
        assert code == 0, (code, out, e.output('stderr'))
        assert out.split('\n')[0] == 'joinme', out
        assert out.split('\n')[1] == '1', out
        assert out.split('\n')[2] == '/tmp', out
    finally:
        c.ctl('signal 9')
        c.wait()


def test_exec_failure(w):
    c = Container(w, ['/bin/nope']).create()
    r = c.ctl('start')
    assert r == 'error exec: /bin/nope: No such file or directory', r
    code = c.wait()
    assert code == 127, code
    assert not os.path.exists(os.path.join(c.rundir, 'started'))
    c = Container(w, ['nope-on-path']).create()
    r = c.ctl('start')
    assert r.startswith('error exec: nope-on-path: No such file'), r
    assert c.wait() == 127


def test_setup_error(w):
    c = Container(w, ['true'], extra=[line('mount', '/x', 'bind', '/definitely/missing', MS_BIND, 0, '')])
    c.launch()
    msg = c.expect('error')[0]
    assert 'definitely/missing' in msg, msg


def test_abort(w):
    c = Container(w, ['true'])
    c.launch()
    pid = int(c.expect('pid')[0])
    c.sock.sendall(b'abort\n')
    c.expect('error')
    time.sleep(0.3)
    assert not os.path.exists('/proc/%d' % pid)


def test_hooks(w):
    out = os.path.join(w.tmp, 'hookout')
    state = os.path.join(w.tmp, 'state.json')
    with open(state, 'w') as f:
        f.write('{"id":"x"}')
    hook = line('hook', 'createContainer', 5, '/bin/sh', 3, 'sh', '-c', 'cat > %s; echo " $X" >> %s' % (out, out), 1, 'X=y')
    code, _, err = sh(w, 'true', extra=[hook, line('hookstate', state)])
    assert code == 0, err
    with open(out) as f:
        assert f.read() == '{"id":"x"} y\n'


def test_sysctl_domainname(w):
    code, out, err = sh(w, 'cat /proc/sys/kernel/shmmni /proc/sys/net/ipv4/ip_forward; cat /proc/sys/kernel/domainname',
                        extra=[line('sysctl', 'kernel.shmmni', '1234'), line('sysctl', 'net.ipv4.ip_forward', '1'),
                               line('domainname', 'example.org')])
    assert code == 0, err
    assert out == '1234\n1\nexample.org\n', repr(out)


def test_start_hook_and_timeout(w):
    out = os.path.join(w.tmp, 'starthook')
    hook = line('hook', 'startContainer', 5, '/bin/sh', 3, 'sh', '-c', 'echo started > /tmp/h', 0)
    c = Container(w, ['cat', '/tmp/h'], extra=[hook])
    assert c.run() == 0
    assert c.output() == 'started\n', c.output()
    slow = line('hook', 'createContainer', 1, '/bin/sleep', 2, 'sleep', '5', 0)
    c = Container(w, ['true'], extra=[slow])
    c.launch()
    c.expect('pid')
    c.sock.sendall(b'continue\n')
    msg = c.expect('error')[0]
    assert 'timed out' in msg, msg


def test_resize_owned_pty(w):
    c = Container(w, ['sh', '-c', 'sleep 0.5; stty size'], stdio='inherit',
                  extra=[line('terminal', 1), line('console_size', 10, 20), line('log', os.path.join(w.tmp, 'rs.log'), 0, 1)])
    c.log = os.path.join(w.tmp, 'rs.log')
    c.create().start()
    assert c.ctl('resize 40 132') == 'ok'
    assert c.wait() == 0
    assert '40 132' in c.output(), c.output()


def test_cgroup_oom(w):
    cg = os.path.join(CGROUP_MEM, 'berth-shimtest-%d' % os.getpid())
    os.mkdir(cg)
    w.cgroups.append(cg)
    with open(os.path.join(cg, 'memory.limit_in_bytes'), 'w') as f:
        f.write(str(32 << 20))
    try:
        with open(os.path.join(cg, 'memory.memsw.limit_in_bytes'), 'w') as f:
            f.write(str(32 << 20))
    except OSError:
        pass
    c = Container(w, ['sh', '-c', 'x=a; while true; do x=$x$x; done'],
                  extra=[line('cgroup', cg), line('oom_counter', os.path.join(cg, 'memory.oom_control'))])
    code = c.run()
    assert code == 137, code
    assert os.path.exists(os.path.join(c.rundir, 'oom'))


def test_monitor_rss(w):
    c = Container(w, ['sleep', '100']).create().start()
    time.sleep(0.3)
    with open('/proc/%d/status' % c.shim_pid) as f:
        rss = re.search(r'VmRSS:\s+(\d+) kB', f.read()).group(1)
    print('    monitor VmRSS: %s kB' % rss)
    c.ctl('signal 9')
    c.wait()


def main():
    if os.geteuid() != 0:
        print('needs root')
        return 2
    names = sys.argv[1:]
    tests = [(n, f) for n, f in globals().items() if n.startswith('test_') and callable(f)]
    if names:
        tests = [(n, f) for n, f in tests if n in names or n[5:] in names]
    w = World()
    failed = []
    try:
        for n, f in tests:
            t0 = time.time()
            try:
                f(w)
                print('ok   %s (%.2fs)' % (n, time.time() - t0))
            except Exception:
                failed.append(n)
                print('FAIL %s' % n)
                traceback.print_exc()
    finally:
        leaked = w.cleanup()
    if leaked:
        print('leaked mounts:', leaked)
        failed.append('cleanup')
    print('%d passed, %d failed %s' % (len(tests) - len(failed), len(failed), failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
