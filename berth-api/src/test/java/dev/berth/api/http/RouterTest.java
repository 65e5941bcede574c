package dev.berth.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTest {
  private final Handler h = (req, res) -> { };
  private final Router router = new Router()
      .get("/images/json", h)
      .get("/images/{name:.*}/json", h)
      .delete("/images/{name:.*}", h)
      .post("/containers/{id}/start", h);

  @Test
  void matchesVersionedAndUnversioned() {
    assertThat(router.match("GET", "/images/json").route().pattern()).isEqualTo("/images/json");
    Router.Match v = router.match("GET", "/v1.44/images/json");
    assertThat(v.route().pattern()).isEqualTo("/images/json");
    assertThat(v.version()).isEqualTo("1.44");
    assertThat(v.path()).isEqualTo("/images/json");
  }

  @Test
  void nameSegmentsTakeSlashes() {
    Router.Match m = router.match("GET", "/v1.44/images/testcontainers/ryuk:0.14.0/json");
    assertThat(m.route().pattern()).isEqualTo("/images/{name:.*}/json");
    assertThat(m.params()).isEqualTo(Map.of("name", "testcontainers/ryuk:0.14.0"));
    assertThat(router.match("DELETE", "/images/a/b:c").params()).containsEntry("name", "a/b:c");
  }

  @Test
  void plainSegmentsTakeOne() {
    assertThat(router.match("POST", "/containers/abc/start").params()).containsEntry("id", "abc");
    assertThat(router.match("POST", "/containers/a/b/start").route()).isNull();
  }

  @Test
  void wrongMethodOrPathIsNoRoute() {
    assertThat(router.match("POST", "/images/json").route()).isNull();
    assertThat(router.match("GET", "/nothing").route()).isNull();
  }

  @Test
  void versionsCompareNumerically() {
    assertThat(ApiVersion.compare("1.9", "1.24")).isNegative();
    assertThat(ApiVersion.effective("1.51")).isEqualTo("1.44");
    assertThat(ApiVersion.effective(null)).isEqualTo("1.44");
    assertThat(ApiVersion.effective("1.32")).isEqualTo("1.32");
  }

  @Test
  void filtersInBothForms() {
    assertThat(Filters.parse("{\"label\":{\"a=b\":true},\"dangling\":{\"true\":true}}"))
        .isEqualTo(Map.of("label", java.util.List.of("a=b"), "dangling",
            java.util.List.of("true")));
    assertThat(Filters.parse("{\"label\":[\"a=b\",\"c\"]}"))
        .isEqualTo(Map.of("label", java.util.List.of("a=b", "c")));
    assertThat(Filters.parse("")).isEmpty();
  }
}
