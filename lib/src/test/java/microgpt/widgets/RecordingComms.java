package microgpt.widgets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.google.gson.Gson;

/**
 * A front end for tests: records what widgets open and send, as the JSON would carry it (every message goes
 * through Gson and back, so numbers come back as doubles, as the real front end's do), and delivers messages
 * to the widgets as if the user had acted.
 */
final class RecordingComms implements Comms {

    record Sent(String commId, Map<String, Object> data) {}

    private static final Gson GSON = new Gson();

    final Map<String, Map<String, Object>> opened = new LinkedHashMap<>();
    final List<Sent> sent = new ArrayList<>();
    private final Map<String, Consumer<Map<String, Object>>> receivers = new LinkedHashMap<>();

    @Override
    public String open(Map<String, Object> data, Consumer<Map<String, Object>> onMessage) {
        String id = "comm-" + (opened.size() + 1);
        opened.put(id, roundTrip(data));
        receivers.put(id, onMessage);
        return id;
    }

    @Override
    public void send(String commId, Map<String, Object> data) {
        sent.add(new Sent(commId, roundTrip(data)));
    }

    /** The front end sends {@code data} on the comm {@code commId}. */
    void deliver(String commId, Map<String, Object> data) {
        receivers.get(commId).accept(roundTrip(data));
    }

    /** The state that the comm_open of {@code commId} carried. */
    @SuppressWarnings("unchecked")
    Map<String, Object> openState(String commId) {
        return (Map<String, Object>) opened.get(commId).get("state");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> roundTrip(Map<String, Object> data) {
        return GSON.fromJson(GSON.toJson(data), Map.class);
    }
}
