package microgpt.widgets;

import java.util.Locale;

import microgpt.InvalidInputException;

/**
 * A horizontal slider for a number (ipywidgets' {@code FloatSlider}, or {@code IntSlider} for whole numbers), with
 * its value shown beside it. The front end moves it by {@code step}s between {@code min} and {@code max}, by
 * dragging or with the arrow keys once its handle has the focus.
 */
public final class Slider extends DomWidget {

    private final boolean whole;

    private Slider(boolean whole, String description, double min, double max, double step, double value) {
        super(whole ? "IntSliderModel" : "FloatSliderModel", whole ? "IntSliderView" : "FloatSliderView",
                Style.forSlider());
        check(description, min, max, step, value);
        this.whole = whole;
        describe(description);
        set("min", number(min));
        set("max", number(max));
        set("step", number(step));
        set("value", number(value));
        set("orientation", "horizontal");
        set("readout", true);
        set("readout_format", whole ? "d" : decimals(step));
        set("continuous_update", true);
        set("disabled", false);
        set("behavior", "drag-tap");
    }

    /** A slider for decimal numbers, e.g. {@code Slider.decimal("temperature", 0.1, 2, 0.05, 0.5)}. */
    public static Slider decimal(String description, double min, double max, double step, double value) {
        return new Slider(false, description, min, max, step, value);
    }

    /** A slider for whole numbers, e.g. {@code Slider.whole("steps", 50, 300, 50, 200)}. */
    public static Slider whole(String description, int min, int max, int step, int value) {
        return new Slider(true, description, min, max, step, value);
    }

    /** Sends the value only when the handle is let go, for a slider whose change starts a slow computation. */
    public Slider updateOnRelease() {
        set("continuous_update", false);
        return this;
    }

    public double value() {
        return ((Number) get("value")).doubleValue();
    }

    public int intValue() {
        return (int) Math.round(value());
    }

    /** Moves the slider (the front end follows); the change listeners do not run, as for any change made here. */
    public void setValue(double value) {
        check(String.valueOf(get("description")), min(), max(), ((Number) get("step")).doubleValue(), value);
        set("value", number(value));
    }

    @Override
    protected Object fromFrontEnd(String key, Object value) {
        if (!"value".equals(key) || !(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            return null;   // only the value is the user's to change, and only to a number
        }
        return number(Math.max(min(), Math.min(max(), n.doubleValue())));
    }

    @Override
    public String toString() {
        return get("description") + " = "
                + (whole ? String.valueOf(intValue()) : String.format(Locale.ROOT, "%" + get("readout_format"), value()));
    }

    private double min() {
        return ((Number) get("min")).doubleValue();
    }

    private double max() {
        return ((Number) get("max")).doubleValue();
    }

    private Number number(double x) {
        return whole ? (Number) (int) Math.round(x) : (Number) x;
    }

    /** Enough decimals to show every step, e.g. {@code .2f} for a step of 0.05, {@code .3f} for 0.001. */
    private static String decimals(double step) {
        int places = 0;
        while (places < 6 && Math.abs(step * Math.pow(10, places) - Math.rint(step * Math.pow(10, places))) > 1e-9) {
            places++;
        }
        return "." + Math.max(2, places) + "f";
    }

    private static void check(String description, double min, double max, double step, double value) {
        if (!(min < max) || !(step > 0) || !(value >= min && value <= max)) {
            throw new InvalidInputException(String.format(Locale.ROOT,
                    "slider \"%s\": needs min < max, a step > 0 and min <= value <= max, got min %s, max %s, step %s,"
                            + " value %s; fix the numbers in the cell that builds it", description, min, max, step, value));
        }
    }
}
