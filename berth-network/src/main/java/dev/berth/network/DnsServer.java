package dev.berth.network;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The embedded DNS server of one user-defined network, listening on the network's gateway
 * address: names of containers on the network (container name, aliases, short id) answer with
 * their addresses; every other question is relayed as it is to the host's resolvers, which
 * the daemon can reach from the host's namespace even when they listen on loopback.
 */
final class DnsServer implements AutoCloseable {
  private static final long TTL = 600;
  private final DatagramSocket socket;
  private final Function<String, List<String>> names;
  private final List<InetSocketAddress> upstreams;
  private final Thread loop;

  private DnsServer(DatagramSocket socket, Function<String, List<String>> names,
      List<InetSocketAddress> upstreams) {
    this.socket = socket;
    this.names = names;
    this.upstreams = List.copyOf(upstreams);
    this.loop = Thread.ofPlatform().daemon().name("berth-dns-" + socket.getLocalAddress()
        .getHostAddress()).start(this::serve);
  }

  /** Serves on {@code address}:{@code port}; {@code names} maps a lower-case name to IPv4s. */
  static DnsServer start(String address, int port, Function<String, List<String>> names,
      List<InetSocketAddress> upstreams) throws SocketException {
    DatagramSocket s = new DatagramSocket(null);
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(address, port));
    return new DnsServer(s, names, upstreams);
  }

  int port() {
    return socket.getLocalPort();
  }

  private void serve() {
    byte[] buf = new byte[4096];
    while (!socket.isClosed()) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        socket.receive(p);
      } catch (IOException e) {
        return; // closed
      }
      byte[] query = Arrays.copyOf(p.getData(), p.getLength());
      InetSocketAddress from = (InetSocketAddress) p.getSocketAddress();
      byte[] local = answerLocally(query);
      if (local != null) {
        send(local, from);
      } else {
        Thread.ofVirtual().start(() -> forward(query, from));
      }
    }
  }

  /** The answer for one of our names, or null when the question is for the upstreams. */
  private byte[] answerLocally(byte[] query) {
    Message q;
    try {
      q = new Message(query);
    } catch (IOException e) {
      return null;
    }
    Record question = q.getQuestion();
    if (question == null || question.getDClass() != DClass.IN) {
      return null;
    }
    String name = question.getName().toString(true).toLowerCase(java.util.Locale.ROOT);
    List<String> addresses = names.apply(name);
    if (addresses.isEmpty()) {
      return null;
    }
    Message r = new Message(q.getHeader().getID());
    r.getHeader().setFlag(Flags.QR);
    r.getHeader().setFlag(Flags.AA);
    if (q.getHeader().getFlag(Flags.RD)) {
      r.getHeader().setFlag(Flags.RD);
      r.getHeader().setFlag(Flags.RA);
    }
    r.getHeader().setRcode(Rcode.NOERROR);
    r.addRecord(question, Section.QUESTION);
    if (question.getType() == Type.A || question.getType() == Type.ANY) {
      Name owner = question.getName();
      for (String a : addresses) {
        try {
          r.addRecord(new ARecord(owner, DClass.IN, TTL, InetAddress.getByName(a)),
              Section.ANSWER);
        } catch (IOException e) {
          // an address we stored is always a literal
        }
      }
    }
    return r.toWire();
  }

  private void forward(byte[] query, InetSocketAddress client) {
    for (InetSocketAddress upstream : upstreams) {
      try (DatagramSocket s = new DatagramSocket()) {
        s.setSoTimeout(2000);
        s.send(new DatagramPacket(query, query.length, upstream));
        byte[] buf = new byte[4096];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        s.receive(p);
        send(Arrays.copyOf(p.getData(), p.getLength()), client);
        return;
      } catch (IOException e) {
        // next upstream
      }
    }
    servfail(query, client);
  }

  private void servfail(byte[] query, InetSocketAddress client) {
    try {
      Message q = new Message(query);
      Message r = new Message(q.getHeader().getID());
      r.getHeader().setFlag(Flags.QR);
      r.getHeader().setRcode(Rcode.SERVFAIL);
      if (q.getQuestion() != null) {
        r.addRecord(q.getQuestion(), Section.QUESTION);
      }
      send(r.toWire(), client);
    } catch (IOException e) {
      // not a DNS message: nothing to answer
    }
  }

  private void send(byte[] data, InetSocketAddress to) {
    try {
      socket.send(new DatagramPacket(data, data.length, to));
    } catch (IOException e) {
      // the client went away
    }
  }

  @Override
  public void close() {
    socket.close();
    try {
      loop.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
