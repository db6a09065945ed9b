package microgpt.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import microgpt.autograd.GradientCheckReport;
import microgpt.train.StepResult;
import microgpt.train.TrainingHistory;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

/** Two things the chapters ran into: odd step ticks with a step-0 evaluation, and a dropped last label. */
class ChartFixesTest {

    @Test
    void aStepZeroEvaluationStillGivesRoundStepTicks() {
        TrainingHistory history = new TrainingHistory();
        history.addEvaluation(0, 3.3);
        for (int s = 1; s <= 1000; s++) {
            history.add(new StepResult(s, 1000, 3.0, 0.01, 1000));
        }
        XYChart chart = Charts.lossCurve(history);
        Runnable restore = TickLabels.tidy(chart, chart.getStyler());
        // A hair of room at both ends stops XChart from putting ticks on data points (0, 46, 92, ...).
        assertTrue(chart.getStyler().getXAxisMin() < 0, "room left of step 0");
        assertTrue(chart.getStyler().getXAxisMax() > 1000, "room right of step 1000");
        restore.run();
        assertNull(chart.getStyler().getXAxisMin());
        assertNull(chart.getStyler().getXAxisMax());
    }

    @Test
    void longParameterNamesStandUprightSoTheLastIsNotDropped() {
        List<GradientCheckReport.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 18; i++) {
            entries.add(new GradientCheckReport.Entry("layer0.mlp_fc2[" + i + "][58]", 1, 1, 1e-9));
        }
        assertEquals(90, Charts.gradientCheck(new GradientCheckReport(entries, 1e-6)).getStyler().getXAxisLabelRotation());
        List<GradientCheckReport.Entry> shortNames = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            shortNames.add(new GradientCheckReport.Entry("w" + i, 1, 1, 1e-9));
        }
        assertEquals(45, Charts.gradientCheck(new GradientCheckReport(shortNames, 1e-6)).getStyler().getXAxisLabelRotation());
    }
}
