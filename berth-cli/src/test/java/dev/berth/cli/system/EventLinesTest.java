package dev.berth.cli.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Event lines, event templates and --since/--until values, without a daemon. */
class EventLinesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private TimeZone saved;

  @BeforeEach
  void utc() {
    saved = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
  }

  @AfterEach
  void restore() {
    TimeZone.setDefault(saved);
  }

  @Test
  void prettyLineHasFixedNanosAndSortedAttributes() throws Exception {
    var event = JSON.readTree("""
        {"status":"start","id":"abc","from":"busybox","Type":"container","Action":"start",
         "Actor":{"ID":"abc","Attributes":{"name":"web","image":"busybox"}},"scope":"local",
         "time":1700000000,"timeNano":1700000000120000000}""");
    assertThat(Events.line(event))
        .isEqualTo("2023-11-14T22:13:20.120000000Z container start abc (image=busybox, name=web)");
    var bare = JSON.readTree("{\"Type\":\"image\",\"Action\":\"tag\",\"Actor\":{\"ID\":\"sha256:1\"},\"time\":1700000000}");
    assertThat(Events.line(bare)).isEqualTo("2023-11-14T22:13:20.000000000Z image tag sha256:1");
  }

  @Test
  void templatesSeeGoFieldNamesAndJsonKeepsTheStructOrder() throws Exception {
    var event = JSON.readTree("""
        {"Actor":{"Attributes":{"name":"web"},"ID":"abc"},"Type":"container","Action":"die",
         "status":"die","id":"abc","time":1,"timeNano":1000000000,"scope":"local"}""");
    var t = Events.template("{{.Status}} {{.ID}} {{.Scope}} {{.TimeNano}} {{.Actor.Attributes.name}}");
    assertThat(t.execute(Events.row(event))).isEqualTo("die abc local 1000000000 web");
    assertThat(Events.template("json").execute(Events.row(event))).isEqualTo(
        "{\"status\":\"die\",\"id\":\"abc\",\"Type\":\"container\",\"Action\":\"die\",\"Actor\":{\"ID\":\"abc\","
            + "\"Attributes\":{\"name\":\"web\"}},\"scope\":\"local\",\"time\":1,\"timeNano\":1000000000}");
    assertThat(Events.template(null)).isNull();
    assertThatThrownBy(() -> Events.template("{{.Nope}}"))
        .hasMessage("Error parsing format: template: :1:2: executing \"\" at <.Nope>: can't evaluate field Nope in type *events.Message");
  }

  @Test
  void sinceAndUntilBecomeUnixSeconds() {
    Instant now = Instant.parse("2026-01-02T03:04:05Z");
    assertThat(ApiTimes.toApi("10m", now)).isEqualTo("1767322445");
    assertThat(ApiTimes.toApi("1h30m", now)).isEqualTo("1767317645");
    assertThat(ApiTimes.toApi("0s", now)).isEqualTo("1767323045");
    // whole seconds, as docker's: events later in the current second are not "until now"
    assertThat(ApiTimes.toApi("0s", now.plusMillis(900))).isEqualTo("1767323045");
    assertThat(ApiTimes.toApi("1700000000", now)).isEqualTo("1700000000");
    assertThat(ApiTimes.toApi("2026-01-02T03:00:00Z", now)).isEqualTo("1767322800.000000000");
    assertThat(ApiTimes.toApi("2026-01-02", now)).isEqualTo("1767312000.000000000");
    assertThat(ApiTimes.toApi("", now)).isNull();
    assertThatThrownBy(() -> ApiTimes.toApi("yesterday", now))
        .hasMessage("failed to parse value as time or duration: \"yesterday\"");
  }
}
