package it.dev.pulse.arquillian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.domain.notify.Channel;
import dev.pulse.domain.notify.ChannelRepository;
import dev.pulse.domain.rule.Observation;
import dev.pulse.domain.rule.Rule;
import dev.pulse.domain.rule.RuleRepository;
import dev.pulse.domain.rule.StoredRule;
import dev.pulse.worker.alerting.AlertBook;
import dev.pulse.worker.alerting.Evaluator;
import dev.pulse.worker.alerting.RuleJson;
import dev.pulse.worker.alerting.RuleSet;
import dev.pulse.worker.alerting.Target;
import dev.pulse.worker.notify.Dispatcher;
import dev.pulse.worker.persistence.SchemaMigration;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The evaluator and the notification outbox in-container: real JTA transactions on PostgreSQL, real
 * Redis windows, notifications really POSTed to {@link WebhookSink}.
 *
 * <p>Server {@code pulse} of the same test run shares the database and Redis and runs its own
 * ticker and dispatcher. Rules that only this class must see are built in memory and never stored
 * (server {@code pulse} skips the open states of rules it does not know); its dispatcher may send
 * this class's notifications, which is the "two senders" case the outbox must handle anyway.
 */
@ExtendWith(ArquillianExtension.class)
class AlertEvaluationIT {

  private static final String CONTEXT = "alert-evaluation";

  @Deployment
  static WebArchive deployment() {
    return PulseArchives.alerting(CONTEXT).addClasses(WebhookSink.class, AlertTables.class);
  }

  @Inject SchemaMigration schema;
  @Inject Evaluator evaluator;
  @Inject RuleSet ruleSet;
  @Inject Dispatcher dispatcher;
  @EJB AlertBook book;
  @EJB RuleRepository rules;
  @EJB ChannelRepository channels;
  @Inject UserTransaction tx;

  @Resource(lookup = "jdbc/pulse")
  DataSource db;

  @Resource(lookup = "java:comp/DefaultManagedExecutorService")
  ManagedExecutorService executor;

  private final String project = "arq-" + UUID.randomUUID().toString().substring(0, 8);
  private UUID channel;

  @BeforeEach
  void projectWithAChannel() throws SQLException {
    if (!schema.isApplied()) {
      schema.migrate();
    }
    channel = UUID.randomUUID();
    Instant now = Instant.now();
    tables().project(project);
    channels.create(
        Channel.webhook(channel, project, "sink", WebhookSink.url(CONTEXT), Map.of(), null, now));
  }

  /** A rule of this project, parsed from its API JSON (channels: this test's channel). */
  private StoredRule stored(String json) {
    String withChannel =
        json.substring(0, json.lastIndexOf('}')) + ", \"channels\": [\"" + channel + "\"]}";
    Instant now = Instant.now();
    return new StoredRule(UUID.randomUUID(), project, RuleJson.read(withChannel), now, now);
  }

  /** A rule only this class knows: never stored, so server pulse never evaluates it. */
  private Rule inMemory(String json) {
    return RuleSet.parse(stored(json));
  }

  private static final String OVER_TWO =
      "{\"name\": \"Over two\", \"kind\": \"threshold\", \"signal\": \"events\", "
          + "\"match\": {\"type\": \"http.error\"}, \"aggregate\": \"count\", \"window\": \"5m\", "
          + "\"group_by\": [\"source\"], \"op\": \">\", \"threshold\": 2, \"severity\": \"critical\", "
          + "\"max_notifications_per_minute\": 100}";

  @Test
  void persistedRecordsRaiseOneAlertPerGroupWithItsHistoryAndNotification() throws Exception {
    StoredRule rule = stored(OVER_TWO);
    rules.create(rule);
    ruleSet.reload();
    Instant now = Instant.now();
    List<Observation> batch = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      batch.add(event("a-" + i, now, "checkout"));
    }
    batch.add(event("b-0", now, "search"));
    evaluator.onPersisted(batch);

    List<Map<String, Object>> alerts = tables().alertsOf(rule.id());
    assertEquals(
        1,
        alerts.size(),
        "only 'checkout' crossed 2: "
            + alerts
            + " rules "
            + ruleSet.current().of(project)
            + ruleSet.current().of(project));
    Map<String, Object> alert = alerts.get(0);
    assertEquals("firing", alert.get("state"));
    assertEquals(3.0, alert.get("value"));
    assertTrue(((String) alert.get("labels")).contains("\"source\": \"checkout\""), "" + alert);
    UUID id = (UUID) alert.get("id");
    assertEquals(List.of("null->firing"), tables().historyOf(id));
    assertEquals(List.of("firing/" + channel), tables().notificationsOf(id));

    // The same records delivered again count once: nothing moves.
    evaluator.onPersisted(batch.subList(0, 3));
    assertEquals(3.0, tables().alertsOf(rule.id()).get(0).get("value"));
    assertEquals(List.of("null->firing"), tables().historyOf(id));

    rules.delete(project, rule.id());
    book.resolveRule(RuleSet.parse(rule), "rule deleted", Instant.now());
    assertEquals("resolved", tables().alertsOf(rule.id()).get(0).get("state"));
    assertEquals(List.of("firing/" + channel, "resolved/" + channel), tables().notificationsOf(id));
    ruleSet.reload();
  }

  @Test
  void aRolledBackTransitionLeavesNeitherAlertNorNotification() throws Exception {
    Rule rule = inMemory(OVER_TWO);
    Target target = Target.of(rule, new TreeMap<>(Map.of("source", "checkout")));
    Instant now = Instant.now();

    tx.begin();
    book.apply(List.of(new AlertBook.Decision(target, 5.0)), now, false);
    UUID inside = (UUID) tables().alertsOf(rule.id()).get(0).get("id");
    assertEquals(List.of("firing/" + channel), tables().notificationsOf(inside));
    tx.rollback();

    assertTrue(tables().alertsOf(rule.id()).isEmpty(), "the alert went with the rollback");
    assertTrue(tables().notificationsOf(inside).isEmpty(), "so did its notification");
    assertNull(tables().phaseOf(target.fingerprint()), "and the fingerprint's state");

    book.apply(List.of(new AlertBook.Decision(target, 5.0)), now, false);
    UUID committed = (UUID) tables().alertsOf(rule.id()).get(0).get("id");
    assertEquals(List.of("firing/" + channel), tables().notificationsOf(committed));
    assertEquals("firing", tables().phaseOf(target.fingerprint()));
  }

  @Test
  void forAndHysteresisMoveTheStateOnlyWhenTheirTimeAndValuesSaySo() throws Exception {
    Rule rule =
        inMemory(
            OVER_TWO.replace(
                "\"severity\"", "\"for\": \"30s\", \"recover_threshold\": 1, \"severity\""));
    Target target = Target.of(rule, new TreeMap<>(Map.of("source", "checkout")));
    Instant t0 = Instant.now();

    book.apply(List.of(new AlertBook.Decision(target, 3.0)), t0, false);
    assertEquals("pending", tables().phaseOf(target.fingerprint()));
    UUID id = (UUID) tables().alertsOf(rule.id()).get(0).get("id");
    assertTrue(tables().notificationsOf(id).isEmpty(), "pending is not notified");

    book.apply(List.of(new AlertBook.Decision(target, 3.0)), t0.plusSeconds(29), true);
    assertEquals("pending", tables().phaseOf(target.fingerprint()), "29 s < for");
    book.apply(List.of(new AlertBook.Decision(target, 3.0)), t0.plusSeconds(30), true);
    assertEquals("firing", tables().phaseOf(target.fingerprint()), "for elapsed");
    assertEquals(List.of("firing/" + channel), tables().notificationsOf(id));

    // Below the threshold but above recover_threshold: still firing (hysteresis).
    book.apply(List.of(new AlertBook.Decision(target, 2.0)), t0.plusSeconds(31), true);
    assertEquals("firing", tables().phaseOf(target.fingerprint()));
    book.apply(List.of(new AlertBook.Decision(target, 1.0)), t0.plusSeconds(32), true);
    assertNull(tables().phaseOf(target.fingerprint()), "recovered: inactive");
    assertEquals("resolved", tables().alertsOf(rule.id()).get(0).get("state"));
    assertEquals(
        List.of("null->pending", "pending->firing", "firing->resolved"), tables().historyOf(id));
    assertEquals(List.of("firing/" + channel, "resolved/" + channel), tables().notificationsOf(id));
    // The confirmation at +31 s counted: raised (1), confirmed while pending and firing.
    assertTrue(((Number) tables().alertsOf(rule.id()).get(0).get("occurrences")).longValue() >= 2);
  }

  @Test
  void concurrentEvaluationsOfOneFingerprintTransitionItOnce() throws Exception {
    Rule rule = inMemory(OVER_TWO);
    Target target = Target.of(rule, new TreeMap<>(Map.of("source", "checkout")));
    Instant now = Instant.now();
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> runs = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      runs.add(
          executor.submit(
              () -> {
                start.await();
                book.apply(List.of(new AlertBook.Decision(target, 5.0)), now, false);
                return null;
              }));
    }
    start.countDown();
    for (Future<?> f : runs) {
      f.get();
    }
    List<Map<String, Object>> alerts = tables().alertsOf(rule.id());
    assertEquals(1, alerts.size(), "one alert: " + alerts);
    UUID id = (UUID) alerts.get(0).get("id");
    assertEquals(List.of("null->firing"), tables().historyOf(id));
    assertEquals(List.of("firing/" + channel), tables().notificationsOf(id));
  }

  @Test
  void theOutboxDeliversEachNotificationOnceAndResumesLeasesOfADeadSender() throws Exception {
    Rule rule = inMemory(OVER_TWO);
    Instant now = Instant.now();
    List<AlertBook.Decision> decisions = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      decisions.add(
          new AlertBook.Decision(
              Target.of(rule, new TreeMap<>(Map.of("source", "host-" + i))), 5.0));
    }
    Instant leaseEnds =
        Instant.now().plusSeconds(3).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    Set<String> leased = new java.util.HashSet<>();
    tx.begin();
    book.apply(decisions, now, false);
    // Two of them were claimed by a sender that died: nobody may send them before the lease ends.
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "update notifications set next_attempt_at = ? where id in (select id from "
                    + "notifications where rule_id = ? order by id limit 2) returning id")) {
      ps.setObject(1, java.sql.Timestamp.from(leaseEnds));
      ps.setObject(2, rule.id());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          leased.add(rs.getString(1));
        }
      }
    }
    tx.commit();
    assertEquals(2, leased.size());
    Set<String> all = tables().notificationIds(rule.id());
    assertEquals(8, all.size());

    Future<?> loop = executor.submit(dispatcher::run);
    try {
      Instant deadline = Instant.now().plusSeconds(30);
      while (received(all).size() < all.size() && Instant.now().isBefore(deadline)) {
        Thread.sleep(100);
      }
      Thread.sleep(2000); // a duplicate would show up by now
    } finally {
      dispatcher.stop();
      loop.cancel(true);
    }
    List<WebhookSink.Received> got = received(all);
    Map<String, Long> perId =
        got.stream()
            .collect(
                Collectors.groupingBy(WebhookSink.Received::notificationId, Collectors.counting()));
    assertEquals(all, perId.keySet(), "every notification delivered");
    perId.forEach(
        (id, n) -> assertEquals(1L, n, "notification " + id + " delivered " + n + " times"));
    for (WebhookSink.Received r : got) {
      if (leased.contains(r.notificationId())) {
        assertFalse(
            r.at().isBefore(leaseEnds), "a leased notification went before its lease ended");
      }
      assertTrue(r.body().contains("\"version\":\"4\""), r.body());
    }
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "select count(*) from notifications where rule_id = ? and status = 'sent' "
                    + "and jsonb_array_length(attempts) = 1")) {
      ps.setObject(1, rule.id());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        assertEquals(8, rs.getInt(1), "each recorded as sent after one attempt");
      }
    }
  }

  private Observation event(String id, Instant at, String source) {
    return Observation.event(project, id, at, "http.error", source, Map.of(), null);
  }

  private static List<WebhookSink.Received> received(Set<String> ids) {
    return WebhookSink.RECEIVED.stream().filter(r -> ids.contains(r.notificationId())).toList();
  }

  private AlertTables tables() {
    return new AlertTables(db);
  }
}
