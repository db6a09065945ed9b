package microgpt.train;

import java.util.Locale;
import microgpt.InvalidInputException;

/**
 * How the learning rate falls after the warm-up: from the full rate at the first step after it
 * towards 0 after the last step, along a straight line or a half cosine.
 */
public enum Schedule {

    /** The reference's: lr · (1 − progress). */
    LINEAR,

    /** Slow at first and at the end: lr · (1 + cos(π · progress)) / 2. */
    COSINE;

    /** The factor the full learning rate is multiplied by, {@code progress} in [0, 1) being the share of the decay done. */
    double factor(double progress) {
        return this == LINEAR ? 1 - progress : 0.5 * (1 + Math.cos(Math.PI * progress));
    }

    /** The schedule named {@code name} (linear or cosine, any case); {@code option} names the setting in the error. */
    public static Schedule parse(String name, String option) {
        for (Schedule schedule : values()) {
            if (schedule.name().equalsIgnoreCase(name.trim())) {
                return schedule;
            }
        }
        throw new InvalidInputException(option + " must be linear or cosine, got '" + name + "'");
    }

    /** The name on the command line: linear or cosine. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
