package dev.runsapi.mock.data;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Inputs and outputs of realistic size for the built-in dataset ({@code --text-size}): the short
 * sentence of the dataset (with its mixed case, non-ASCII letters and {@code % _ * \}, so every search
 * probe still finds what it found) wrapped the way real LLM traffic wraps it: a system prompt and
 * retrieved context documents before the question, a long answer after the short one.
 *
 * <p>Deterministic from the seed and the app alone, independent of the dataset's other draws, so
 * that the runs are the same with any text size, texts apart. Each sentence comes in {@link
 * #VARIANTS} paddings, and every run that shares a sentence and a variant shares one String
 * instance: 2,000 runs of 64 KB hold about 10 MB of distinct text, not 128 MB (the store keeps a
 * text that repeats once, and lowers it once).
 */
final class PromptTexts {
  /** Distinct paddings per sentence; enough that runs do not all look alike. */
  static final int VARIANTS = 16;

  /** The share of the text size that goes to the input; the output gets the rest. */
  private static final int INPUT_PERCENT = 75;

  private static final List<String> WORDS =
      List.of(
          "the", "customer", "account", "billing", "invoice", "order", "delivery", "policy",
          "refund", "support", "ticket", "document", "section", "summary", "report", "quarter",
          "revenue", "forecast", "product", "feature", "release", "version", "service", "request",
          "response", "latency", "error", "retry", "database", "query", "index", "table", "user",
          "session", "token", "model", "prompt", "context", "answer", "question", "source",
          "reference", "meeting", "notes", "action", "item", "owner", "deadline", "team", "project",
          "status", "update", "review", "approval", "contract", "clause", "payment", "schedule",
          "region", "market", "growth", "risk", "mitigation", "plan", "budget", "cost", "estimate",
          "is", "was", "will", "be", "has", "with", "from", "for", "and", "of", "to", "in", "on",
          "by", "that", "this", "each", "every", "after", "before", "within", "across", "our");

  private final long seed;
  private final String appId;
  private final int textSize;
  private final Map<String, String> shared = new HashMap<>();

  /** {@code textSize} 0 keeps the dataset's short sentences as they are. */
  PromptTexts(long seed, String appId, int textSize) {
    this.seed = seed;
    this.appId = appId;
    this.textSize = textSize;
  }

  /** The input of run {@code index} whose sentence is {@code sentence}. */
  String input(String sentence, long index) {
    if (textSize == 0) {
      return sentence;
    }
    int variant = variant(index);
    return shared.computeIfAbsent("i" + variant + "\u0000" + sentence,
        k -> wrapInput(sentence, variant, textSize * INPUT_PERCENT / 100));
  }

  /** The output of run {@code index}; null stays null (failed and unfinished runs). */
  String output(String sentence, long index) {
    if (textSize == 0 || sentence == null) {
      return sentence;
    }
    int variant = variant(index);
    return shared.computeIfAbsent("o" + variant + "\u0000" + sentence,
        k -> wrapOutput(sentence, variant, textSize - textSize * INPUT_PERCENT / 100));
  }

  private int variant(long index) {
    return (int) Math.floorMod(new SplittableRandom(seed ^ (index * 0x9E3779B97F4A7C15L)).nextLong(),
        (long) VARIANTS);
  }

  private String wrapInput(String sentence, int variant, int size) {
    SplittableRandom random = random('i', variant);
    StringBuilder text = new StringBuilder(size + 256);
    text.append("System: You are the assistant of ").append(appId)
        .append(". Answer from the context documents below; say so when they do not answer the question.\n\n");
    int reserve = utf8(sentence) + 16;
    int document = 1;
    while (utf8Length(text) + reserve < size) {
      text.append("Context document ").append(document++).append(" (score 0.")
          .append(10 + random.nextInt(90)).append("):\n");
      paragraph(text, random, Math.min(size - reserve, utf8Length(text) + 1200 + random.nextInt(2400)));
      text.append("\n\n");
    }
    return text.append("User: ").append(sentence).toString();
  }

  private String wrapOutput(String sentence, int variant, int size) {
    SplittableRandom random = random('o', variant);
    StringBuilder text = new StringBuilder(size + 256).append(sentence).append("\n\n");
    while (utf8Length(text) < size) {
      paragraph(text, random, Math.min(size, utf8Length(text) + 600 + random.nextInt(1200)));
      text.append("\n\n");
    }
    return text.toString();
  }

  private SplittableRandom random(char kind, int variant) {
    return new SplittableRandom(seed * 1_000_003L + appId.hashCode() * 31L + kind * 101L + variant);
  }

  /** Sentences of plain words until the text reaches {@code until} bytes (roughly). */
  private static void paragraph(StringBuilder text, SplittableRandom random, int until) {
    while (utf8Length(text) < until) {
      int words = 6 + random.nextInt(14);
      for (int w = 0; w < words; w++) {
        String word = WORDS.get(random.nextInt(WORDS.size()));
        text.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word)
            .append(w == words - 1 ? ". " : " ");
      }
    }
  }

  /** The padding is ASCII, so its UTF-8 size is its length; the sentence is measured once. */
  private static int utf8Length(StringBuilder text) {
    return text.length();
  }

  private static int utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
