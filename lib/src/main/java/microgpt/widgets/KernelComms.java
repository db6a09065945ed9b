package microgpt.widgets;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.function.Consumer;

import com.google.gson.Gson;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.comm.Comm;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.comm.CommCloseCommand;
import org.dflib.jjava.jupyter.messages.comm.CommMsgCommand;

/**
 * {@link Comms} over the JJava kernel's {@link CommManager}. The kernel's jar carries its own Gson under a relocated
 * package, so its {@code JsonObject} is not the one this library compiles against: every method that takes or returns
 * one is called by reflection, and JSON crosses that boundary as text (parsed by the kernel's own
 * {@code JsonParser}). Outside a kernel (unit tests, where no kernel runs) {@link #find()} says so with null;
 * where JJava is absent (the CLI) this class cannot even load, and {@link Comms#kernel()} says null for it. Messages from the front end arrive on the kernel's shell thread, one at a
 * time, after the running cell (if any) has finished.
 */
final class KernelComms implements Comms {

    private static final Gson GSON = new Gson();

    private final CommManager manager;

    private KernelComms(CommManager manager) {
        this.manager = manager;
    }

    /** The running kernel's comms, or null when there is no kernel. */
    static Comms find() {
        try {
            BaseKernel kernel = BaseKernel.notebookKernel();   // throws when no kernel runs
            return kernel == null || kernel.getCommManager() == null ? null : new KernelComms(kernel.getCommManager());
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    @Override
    public String open(Map<String, Object> data, Consumer<Map<String, Object>> onMessage) {
        return quietly(() -> {
            WidgetComm comm = manager.openComm(TARGET, (m, id, target, message) -> {
                message.getNonNullMetadata().put("version", PROTOCOL_VERSION);
                try {
                    fill(invoke(message.getContent(), "getData"), GSON.toJson(data));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot fill the comm_open message", e);   // nothing is sent
                }
                return new WidgetComm(m, id, target, onMessage);
            });
            return comm == null ? null : comm.getID();   // null: the kernel is not connected to a front end
        });
    }

    @Override
    public void send(String commId, Map<String, Object> data) {
        quietly(() -> {
            Comm comm = manager.getCommByID(commId);
            if (comm != null && !comm.isClosed()) {
                Method send = method(Comm.class, "send", 1);
                send.invoke(comm, kernelJson(send.getParameterTypes()[0], GSON.toJson(data)));
            }
            return null;
        });
    }

    /** Copies every member of the JSON object {@code json} into the kernel's (empty) JsonObject {@code target}. */
    static void fill(Object target, String json) throws ReflectiveOperationException {
        Object parsed = kernelJson(target.getClass(), json);
        Method add = null;
        for (Object member : (Iterable<?>) invoke(parsed, "entrySet")) {
            Map.Entry<?, ?> entry = (Map.Entry<?, ?>) member;
            add = add != null ? add : method(target.getClass(), "add", 2);
            add.invoke(target, entry.getKey(), entry.getValue());
        }
    }

    /** The JSON object text {@code json} as an instance of the kernel's (relocated) {@code JsonObject} class. */
    private static Object kernelJson(Class<?> jsonObjectClass, String json) throws ReflectiveOperationException {
        Class<?> parser = Class.forName(jsonObjectClass.getPackageName() + ".JsonParser", true,
                jsonObjectClass.getClassLoader());
        Object element = parser.getMethod("parseString", String.class).invoke(null, json);
        return invoke(element, "getAsJsonObject");
    }

    private static Object invoke(Object target, String name) throws ReflectiveOperationException {
        return target.getClass().getMethod(name).invoke(target);
    }

    private static Method method(Class<?> type, String name, int parameters) throws NoSuchMethodException {
        for (Method m : type.getMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == parameters) {
                return m;
            }
        }
        throw new NoSuchMethodException(type.getName() + "." + name + " with " + parameters + " parameters");
    }

    private interface Call<T> {
        T run() throws ReflectiveOperationException;
    }

    /**
     * Runs a kernel call with the thread's interrupt flag cleared (a flag left by an interrupted cell could make the
     * kernel's socket channels close themselves) and restored afterwards; a failure means "not shown", never a throw.
     */
    private static <T> T quietly(Call<T> call) {
        boolean interrupted = Thread.interrupted();
        try {
            return call.run();
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One widget's comm on the kernel side: hands the front end's messages, as maps, to the widget. */
    private static final class WidgetComm extends Comm {
        private final CommManager manager;
        private final Consumer<Map<String, Object>> onMessage;

        WidgetComm(CommManager manager, String id, String target, Consumer<Map<String, Object>> onMessage) {
            super(manager, id, target);
            this.manager = manager;
            this.onMessage = onMessage;
        }

        @Override
        @SuppressWarnings("unchecked")
        protected void onMessage(Message<CommMsgCommand> message) {
            quietly(() -> {
                // replies (the echo, new output) name this message as their parent, as the protocol asks
                manager.setMessageContext(message);
                String json = String.valueOf(invoke(message.getContent(), "getData"));
                onMessage.accept(GSON.fromJson(json, Map.class));
                return null;
            });
        }

        @Override
        protected void onClose(Message<CommCloseCommand> message, boolean sending) {
            // the front end dropped its model (e.g. the output was cleared): later sends find no comm and stop
        }
    }
}
