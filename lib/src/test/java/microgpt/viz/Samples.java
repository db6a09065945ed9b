package microgpt.viz;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import microgpt.autograd.GradientCheckReport;
import microgpt.train.StepResult;
import microgpt.train.TrainingHistory;

/** Small deterministic inputs for the chart and table tests. */
public final class Samples {

    private Samples() {}

    /** A noisy, decreasing loss over {@code steps} steps with a validation loss every {@code every} steps. */
    public static TrainingHistory history(int steps, int every) {
        Random random = new Random(7);
        TrainingHistory history = new TrainingHistory();
        for (int s = 1; s <= steps; s++) {
            double base = 2.3 + Math.exp(-s / 150.0);
            history.add(new StepResult(s, steps, base + 0.3 * random.nextGaussian(), 0.01 * (1 - (double) s / steps),
                    2_000_000L, 12));
            if (every > 0 && s % every == 0) {
                history.addEvaluation(s, base + 0.05);
            }
        }
        return history;
    }

    /** A report with one failing entry (index 2) among five. */
    public static GradientCheckReport report() {
        List<GradientCheckReport.Entry> entries = new ArrayList<>();
        entries.add(new GradientCheckReport.Entry("wte[0][0]", 0.125, 0.12500001, 4e-8));
        entries.add(new GradientCheckReport.Entry("wpe[1][2]", -0.5, -0.5, 0.0));
        entries.add(new GradientCheckReport.Entry("attn<wq>[3][1]", 1.0, 1.1, 0.05));
        entries.add(new GradientCheckReport.Entry("mlp_fc1[2][2]", 0.002, 0.002, 1e-9));
        entries.add(new GradientCheckReport.Entry("lm_head[0][4]", 3.25, 3.25, 2e-10));
        return new GradientCheckReport(entries, 1e-6);
    }

    /** A causal attention matrix: rows sum to 1, zero above the diagonal. */
    public static double[][] attention(int n) {
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                a[i][j] = 1.0 / (i + 1);
            }
        }
        return a;
    }
}
