package dev.berth.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The process section: identity, environment, limits, capabilities, compared with runc. */
class ProcessTest extends ContainerTest {

  private static final String STATUS_LINES =
      "grep -E '^(Cap(Inh|Prm|Eff|Bnd|Amb)|NoNewPrivs|Uid|Gid|Groups):' /proc/self/status";

  @Test
  void userGroupsCwdEnvAndUmaskAsConfigured() throws Exception {
    TestBundle b = bundle().script("id -u; id -g; id -G; pwd; echo $GREETING; umask")
        .edit(c -> {
          ObjectNode p = c.with("process");
          ObjectNode u = p.putObject("user");
          u.put("uid", 1000).put("gid", 1001).put("umask", 077);
          u.putArray("additionalGids").add(2000).add(2001);
          p.put("cwd", "/tmp");
          ((ArrayNode) p.get("env")).add("GREETING=hello world");
        });
    var r = run(b);
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).isEqualTo("1000\n1001\n1001 2000 2001\n/tmp\nhello world\n0077\n");
  }

  @Test
  void capabilitiesNoNewPrivsAndIdsMatchRunc() throws Exception {
    TestBundle b = bundle().script(STATUS_LINES);
    var ours = run(b);
    var theirs = runc(b);
    assertThat(ours.exitCode()).isZero();
    assertThat(theirs.exitCode()).as(theirs.stderr()).isZero();
    assertThat(ours.stdout()).isEqualTo(theirs.stdout());
    // runc spec's three capabilities: AUDIT_WRITE(29), KILL(5), NET_BIND_SERVICE(10)
    assertThat(ours.stdout()).contains("CapEff:\t0000000020000420").contains("NoNewPrivs:\t1");
  }

  @Test
  void rlimitsAndOomScoreAdj() throws Exception {
    TestBundle b = bundle().script("ulimit -n; ulimit -Hn; cat /proc/self/oom_score_adj")
        .edit(c -> {
          ObjectNode p = c.with("process");
          ObjectNode nofile = (ObjectNode) p.get("rlimits").get(0);
          nofile.put("soft", 512).put("hard", 768);
          p.put("oomScoreAdj", 123);
        });
    var ours = run(b);
    assertThat(ours.stdout()).isEqualTo("512\n768\n123\n");
    assertThat(runc(b).stdout()).isEqualTo(ours.stdout());
  }

  @Test
  void withoutCapNetAdminAProcessCannotAddALink() throws Exception {
    var denied = run(bundle().script("ip link set lo mtu 1400; echo rc=$?"));
    assertThat(denied.stdout()).startsWith("rc=").doesNotContain("rc=0");
    assertThat(denied.stderr()).containsIgnoringCase("not permitted");

    var allowed = run(bundle().script("ip link set lo mtu 1400 && ip link show lo | grep -c \"mtu 1400\"; echo rc=$?")
        .edit(c -> {
          ObjectNode caps = c.with("process").with("capabilities");
          for (String set : new String[] {"bounding", "effective", "permitted"}) {
            ((ArrayNode) caps.get(set)).add("CAP_NET_ADMIN");
          }
        }));
    // lo of the container's own network namespace, gone with it
    assertThat(allowed.stdout()).isEqualTo("1\nrc=0\n");
  }

  @Test
  void pidOneAndNamespacesAreFresh() throws Exception {
    var r = run(bundle().script("echo $$; hostname; ls /sys/class/net; ps -o pid | wc -l"));
    assertThat(r.stdout()).startsWith("1\nberth\nlo\n");
  }
}
