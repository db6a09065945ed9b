package microgpt.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import microgpt.data.Bigram;
import microgpt.data.Dataset;
import microgpt.data.TrainingData;
import microgpt.fast.FastGpt;
import microgpt.nn.GptConfig;
import microgpt.random.PythonRandom;
import org.junit.jupiter.api.Test;

class ModelTableTest {

    @Test
    void baselinesThenATrainedGpt() {
        PythonRandom rng = new PythonRandom(42);
        TrainingData data = TrainingData.prepare(Dataset.names(), rng);
        ModelTable table = ModelTable.baselines(data, 16);
        assertEquals(2, table.rows().size());
        assertEquals(Math.log(27), table.rows().get(0).validationLoss(), 0);
        double bigram = Bigram.count(data.tokenizer(), data.train(), 1).meanLoss(data.validation(), 16);
        assertEquals(bigram, table.rows().get(1).validationLoss(), 0);
        assertEquals(729, table.rows().get(1).parameters());

        FastGpt gpt = new FastGpt(GptConfig.reference(27), rng);
        new Trainer(gpt, data.tokenizer(), data.train(), TrainConfig.reference()).train();
        table.add("reference GPT, 1,000 steps", gpt, data);
        ModelTable.Row row = table.rows().get(2);
        assertEquals(4192, row.parameters());
        assertEquals(Evaluator.meanLoss(gpt, data.tokenizer(), data.validation()), row.validationLoss(), 0);
        assertTrue(row.validationLoss() < Math.log(27), "training helps: " + row.validationLoss());
        assertTrue(table.toString().contains("reference GPT, 1,000 steps"), table.toString());
    }
}
