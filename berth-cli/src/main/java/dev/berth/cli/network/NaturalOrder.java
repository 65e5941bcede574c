package dev.berth.cli.network;

import java.util.Comparator;

/**
 * The order docker lists networks and volumes in (fvbommel/sortorder's NaturalLess): runs of
 * digits compare as numbers, everything else byte by byte.
 */
public final class NaturalOrder implements Comparator<String> {
  public static final NaturalOrder INSTANCE = new NaturalOrder();

  private NaturalOrder() {}

  @Override
  public int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char ca = a.charAt(i);
      char cb = b.charAt(j);
      if (Character.isDigit(ca) && Character.isDigit(cb)) {
        int ei = digitsEnd(a, i);
        int ej = digitsEnd(b, j);
        String na = stripZeros(a.substring(i, ei));
        String nb = stripZeros(b.substring(j, ej));
        if (na.length() != nb.length()) {
          return na.length() - nb.length();
        }
        int c = na.compareTo(nb);
        if (c != 0) {
          return c;
        }
        // equal numbers: fewer leading zeros first
        if (ei - i != ej - j) {
          return (ei - i) - (ej - j);
        }
        i = ei;
        j = ej;
      } else {
        if (ca != cb) {
          return ca - cb;
        }
        i++;
        j++;
      }
    }
    return (a.length() - i) - (b.length() - j);
  }

  private static int digitsEnd(String s, int from) {
    int e = from;
    while (e < s.length() && Character.isDigit(s.charAt(e))) {
      e++;
    }
    return e;
  }

  private static String stripZeros(String digits) {
    int k = 0;
    while (k < digits.length() - 1 && digits.charAt(k) == '0') {
      k++;
    }
    return digits.substring(k);
  }
}
