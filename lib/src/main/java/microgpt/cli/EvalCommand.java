package microgpt.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import microgpt.data.Dataset;
import microgpt.data.TrainingData;
import microgpt.nn.LanguageModel;
import microgpt.random.PythonRandom;
import microgpt.train.Evaluator;
import microgpt.train.Format;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code eval}: the mean per-token loss of a saved model on some documents. */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure a saved model's mean per-token loss.",
                "With --data: on every document of FILE. Without: on the bundled names' validation split",
                "(the last 10% after the shuffle with --seed, the documents 'train' held out)."})
final class EvalCommand implements Callable<Integer> {

    @Mixin
    SavedModel model;

    @Option(names = "--data", paramLabel = "FILE", description = "UTF-8 text file, one document per line")
    Path data;

    @Option(names = "--seed", paramLabel = "S", description = "the seed the model was trained with, for the split (default: ${DEFAULT-VALUE})")
    long seed = 42;

    @Override
    public Integer call() {
        LanguageModel loaded = model.load();
        List<String> docs = data != null
                ? Dataset.load(data).documents()
                : TrainingData.prepare(Dataset.names(), new PythonRandom(seed)).validation();
        double loss = Evaluator.meanLoss(loaded, model.tokenizer(), docs);
        Output.println(System.out, String.format("loss %s over %d documents", Format.fixed(loss, 4), docs.size()));
        return 0;
    }
}
