package io.meseta.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --offer-timeout: an offer nobody answers is rescinded and its resources offered again. */
class OfferTimeoutTest {
  @TempDir
  Path work;

  @Test
  void anUnansweredOfferIsRescindedAndReoffered() throws Exception {
    try (TestCluster cluster = TestCluster.start(
            TestCluster.fastConfig().withOfferTimeout(Duration.ofMillis(500)), 1, "cpus:1;mem:256",
            work);
        RawScheduler raw = new RawScheduler(cluster.vertx, cluster.master.port())) {
      raw.send("{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":{\"user\":\"t\","
          + "\"name\":\"hoarder\"}}}");
      assertThat(raw.next(Duration.ofSeconds(10)).getType()).isEqualTo(Event.Type.SUBSCRIBED);
      Event offers = raw.nextMatching(Duration.ofSeconds(10), e -> e.getType() == Event.Type.OFFERS);
      String offerId = offers.getOffers().getOffers(0).getId().getValue();
      long sent = System.nanoTime();

      Event rescind = raw.nextMatching(Duration.ofSeconds(10),
          e -> e.getType() == Event.Type.RESCIND);
      assertThat(rescind.getRescind().getOfferId().getValue()).isEqualTo(offerId);
      assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(
          Duration.ofMillis(300));
      Event again = raw.nextMatching(Duration.ofSeconds(10), e -> e.getType() == Event.Type.OFFERS);
      assertThat(again.getOffers().getOffers(0).getId().getValue()).isNotEqualTo(offerId);
      assertThat(again.getOffers().getOffers(0).getResourcesList()).isNotEmpty();
    }
  }
}
