package dev.pulse.gateway.live;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

/**
 * RecordingSocket stands in for the container's session in unit tests: text frames are recorded and
 * completed at once (the synchronous completion a container may do), or held until {@link
 * #complete} when {@code holding}.
 */
final class RecordingSocket {

  final List<String> sent = new ArrayList<>();
  final List<SendHandler> pending = new ArrayList<>();
  boolean holding;

  Session session() {
    RemoteEndpoint.Async remote =
        (RemoteEndpoint.Async)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {RemoteEndpoint.Async.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("sendText") && args.length == 2) {
                    sent.add((String) args[0]);
                    SendHandler handler = (SendHandler) args[1];
                    if (holding) {
                      pending.add(handler);
                    } else {
                      handler.onResult(new SendResult());
                    }
                  }
                  return null;
                });
    return (Session)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {Session.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getAsyncRemote" -> remote;
                  case "getId" -> "s-1";
                  default -> null;
                });
  }

  void complete() {
    List<SendHandler> now = new ArrayList<>(pending);
    pending.clear();
    now.forEach(h -> h.onResult(new SendResult()));
  }
}
