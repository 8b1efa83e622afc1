package it.dev.pulse.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.dev.pulse.support.Accounts;
import it.dev.pulse.support.Api;
import it.dev.pulse.support.GeneratedClient;
import it.dev.pulse.support.PulseServer;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The /openapi document is good enough to generate a working client from: openapi-generator
 * validates it, generates a Java (native) client from it, and that client, compiled with {@link
 * #SCENARIO}, registers, logs in, creates a project and a key, sends an event and reads it back;
 * then creates and tests a channel, creates a rule, sends events that fire it, reads the alert and
 * its history, acknowledges it and silences it, all through typed models.
 */
@ExtendWith(PulseServer.class)
class GeneratedClientIT {

  private static final String SCENARIO = "openapi-client/ClientScenario.java";
  private static final String SCENARIO_CLASS = "dev.pulse.client.scenario.ClientScenario";

  @Test
  void aClientGeneratedFromTheDocumentWorksEndToEnd() throws Exception {
    try (GeneratedClient client = GeneratedClient.build(Api.uri("/openapi"), SCENARIO)) {
      // One API class per tag, one method per operationId (the scenario compiling proves the
      // ones it calls: register, login, createProject, createKey, sendEvent, getEvent).
      assertOperations(client, "AuthApi", "register", "login", "refreshTokens", "logout");
      assertOperations(client, "ProjectsApi", "createProject", "createKey");
      assertOperations(client, "EventsApi", "sendEvent", "getEvent");
      assertOperations(
          client,
          "AlertingApi",
          "listAlerts",
          "getAlert",
          "getAlertHistory",
          "acknowledgeAlert",
          "resolveAlert",
          "createRule",
          "listRules",
          "getRule",
          "updateRule",
          "deleteRule",
          "enableRule",
          "disableRule",
          "createChannel",
          "listChannels",
          "getChannel",
          "updateChannel",
          "deleteChannel",
          "testChannel",
          "createSilence",
          "listSilences",
          "getSilence",
          "expireSilence",
          "listNotifications");
      // Typed bodies, not maps: a model class per schema.
      for (String model :
          List.of(
              "Alert",
              "AlertPage",
              "AlertHistory",
              "Rule",
              "RuleInput",
              "Channel",
              "ChannelInput",
              "ChannelTestResult",
              "Silence",
              "SilenceInput",
              "SilenceWindow",
              "NotificationPage")) {
        client.load(GeneratedClient.PACKAGE + ".model." + model);
      }
      client.load(GeneratedClient.PACKAGE + ".api.UsersApi");

      String email = Accounts.uniqueEmail("genclient");
      @SuppressWarnings("unchecked")
      Map<String, String> run =
          (Map<String, String>)
              client.callStatic(
                  SCENARIO_CLASS, "run", Api.uri("").toString(), email, Accounts.PASSWORD);

      assertEquals(email, run.get("user.email"), run.toString());
      assertEquals("Bearer", run.get("tokens.token_type"), run.toString());
      assertEquals(run.get("accepted.id"), run.get("event.id"), run.toString());
      assertEquals(run.get("project.id"), run.get("event.project"), run.toString());
      assertEquals(run.get("sent.type"), run.get("event.type"), run.toString());
      assertEquals(run.get("sent.source"), run.get("event.source"), run.toString());
      assertEquals("client.generated", run.get("event.type"), run.toString());
      assertEquals("openapi-generator", run.get("event.source"), run.toString());
      assertEquals(run.get("sent.timestamp"), run.get("event.timestamp"), run.toString());
      assertEquals("42.5", run.get("event.value"), run.toString());
      assertTrue(run.get("event.tags").contains("java-native"), run.toString());

      assertEquals("webhook", run.get("channel.type"), run.toString());
      assertEquals("closed", run.get("channel.health"), run.toString());
      assertEquals("failed", run.get("test.status"), "nobody listens there: " + run);
      assertNotEquals("null", run.get("test.error"), run.toString());
      assertEquals("true", run.get("rule.enabled"), run.toString());
      assertEquals(run.get("rule.id"), run.get("alert.rule_id"), run.toString());
      assertEquals("firing", run.get("alert.state"), run.toString());
      assertEquals("critical", run.get("alert.severity"), run.toString());
      assertTrue(run.get("alert.labels").contains("team=generated"), run.toString());
      assertTrue(run.get("history.to").contains("firing"), run.toString());
      assertEquals(run.get("user.id"), run.get("ack.by"), run.toString());
      assertEquals("active", run.get("silence.state"), run.toString());
      assertEquals("true", run.get("silence.muting_now"), run.toString());
      assertEquals(
          run.get("silence.ends_at"), run.get("silence.next_window.ends_at"), run.toString());
    }
  }

  private static void assertOperations(
      GeneratedClient client, String apiClass, String... operationIds) {
    Set<String> methods =
        Arrays.stream(client.load(GeneratedClient.PACKAGE + ".api." + apiClass).getMethods())
            .map(Method::getName)
            .collect(Collectors.toSet());
    for (String operationId : operationIds) {
      assertTrue(
          methods.contains(operationId),
          apiClass + " has no method " + operationId + ", only " + methods);
    }
  }
}
