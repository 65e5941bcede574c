package dev.berth.cli.network;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.cli.CliException;
import dev.berth.client.Json;
import java.util.List;

/**
 * The IPAM pools of {@code network create} from --subnet, --ip-range and --gateway, checked as
 * docker's consolidateIpam checks them: every range and gateway inside one given subnet.
 */
final class Ipam {
  private Ipam() {}

  static ArrayNode pools(List<String> subnets, List<String> ranges, List<String> gateways) {
    if (subnets.size() < ranges.size() || subnets.size() < gateways.size()) {
      throw new CliException("every ip-range or gateway must have a corresponding subnet");
    }
    Cidr[] nets = new Cidr[subnets.size()];
    for (int i = 0; i < nets.length; i++) {
      nets[i] = Cidr.parse(subnets.get(i));
      for (int j = 0; j < i; j++) {
        if (nets[i].overlaps(nets[j])) {
          throw new CliException("multiple overlapping subnet configuration is not supported");
        }
      }
    }
    ArrayNode out = Json.array();
    String[] range = new String[nets.length];
    String[] gateway = new String[nets.length];
    for (String r : ranges) {
      Cidr c = Cidr.parse(r);
      int i = owner(nets, c.address(), "no matching subnet for range " + r);
      if (range[i] != null) {
        throw new CliException("cannot configure multiple ranges (" + r + ", " + range[i]
            + ") on the same subnet (" + subnets.get(i) + ")");
      }
      range[i] = r;
    }
    for (String g : gateways) {
      byte[] ip = Cidr.address(g);
      int i = owner(nets, ip, "no matching subnet for gateway " + g);
      if (gateway[i] != null) {
        throw new CliException("cannot configure multiple gateways (" + g + ", " + gateway[i]
            + ") for the same subnet (" + subnets.get(i) + ")");
      }
      gateway[i] = g;
    }
    for (int i = 0; i < nets.length; i++) {
      ObjectNode pool = out.addObject();
      pool.put("Subnet", subnets.get(i));
      if (range[i] != null) {
        pool.put("IPRange", range[i]);
      }
      if (gateway[i] != null) {
        pool.put("Gateway", gateway[i]);
      }
    }
    return out;
  }

  private static int owner(Cidr[] nets, byte[] ip, String error) {
    for (int i = 0; i < nets.length; i++) {
      if (nets[i].contains(ip)) {
        return i;
      }
    }
    throw new CliException(error);
  }
}
