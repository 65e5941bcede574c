package dev.berth.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.runtime.CreateOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Hostname, domainname, joining namespaces by path, user namespaces with id maps, sysctls. */
class NamespaceTest extends ContainerTest {

  @Test
  void hostnameAndDomainname() throws Exception {
    var r = run(bundle().script("hostname; cat /proc/sys/kernel/domainname")
        .edit(c -> c.put("hostname", "box-1").put("domainname", "example.test")));
    assertThat(r.stdout()).isEqualTo("box-1\nexample.test\n");
  }

  @Test
  void joiningAnotherContainersNamespacesByPath() throws Exception {
    TestBundle first = bundle("sleep", "1000").edit(c -> c.put("hostname", "first"));
    String id = newId();
    runtime.create(id, first.write(), CreateOptions.piped(first.dir.resolve("log")));
    runtime.start(id);
    try {
      int pid = runtime.state(id).record().pid();
      String hostNetNs = Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/net")).toString();
      TestBundle second = bundle().script("hostname; readlink /proc/self/ns/net; readlink /proc/self/ns/ipc")
          .edit(c -> c.remove("hostname"));
      ArrayNode ns = second.namespaces();
      for (int i = 0; i < ns.size(); i++) {
        ObjectNode n = (ObjectNode) ns.get(i);
        String type = n.get("type").asText();
        if (type.equals("uts")) n.put("path", "/proc/" + pid + "/ns/uts");
        if (type.equals("network")) n.put("path", "/proc/" + pid + "/ns/net");
        if (type.equals("ipc")) n.put("path", "/proc/" + pid + "/ns/ipc");
      }
      var r = run(second);
      String ipc = Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/ipc")).toString();
      assertThat(r.stdout()).isEqualTo("first\n" + hostNetNs + "\n" + ipc + "\n");
    } finally {
      runtime.delete(id, true);
    }
  }

  @Test
  void userNamespaceWithIdMaps() throws Exception {
    TestBundle b = bundle().script("cat /proc/self/uid_map /proc/self/gid_map; id -u; echo $$")
        .edit(c -> {
          ObjectNode l = c.with("linux");
          ((ArrayNode) l.get("namespaces")).addObject().put("type", "user");
          l.putArray("uidMappings").addObject().put("containerID", 0).put("hostID", 100000).put("size", 65536);
          l.putArray("gidMappings").addObject().put("containerID", 0).put("hostID", 100000).put("size", 65536);
        });
    var r = run(b);
    assertThat(r.stderr()).isEmpty();
    assertThat(r.stdout().replaceAll(" +", " ")).isEqualTo(" 0 100000 65536\n 0 100000 65536\n0\n1\n");
  }

  @Test
  void sysctlsInTheContainersNamespaces() throws Exception {
    var r = run(bundle().script("cat /proc/sys/net/ipv4/ip_forward /proc/sys/kernel/msgmax")
        .edit(c -> c.with("linux").putObject("sysctl").put("net.ipv4.ip_forward", "1").put("kernel.msgmax", "12345")));
    assertThat(r.stdout()).isEqualTo("1\n12345\n");
    // the host's value is untouched
    assertThat(Files.readString(Path.of("/proc/sys/kernel/msgmax")).trim()).isNotEqualTo("12345");
  }
}
