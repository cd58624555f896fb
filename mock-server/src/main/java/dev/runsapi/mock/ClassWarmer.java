package dev.runsapi.mock;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Loads, on a second thread, the classes that Spring and Tomcat will need, while the main thread
 * reads the command line and the data: on a small machine start-up is bound by class loading, and
 * it has two cores. The list is a hint only (a class missing from it or from the classpath costs
 * nothing but time); refresh it from {@code java -Xlog:class+load -Druns.mock.class-warmer=off -jar
 * ...} (the warmer off, so that the log shows what start-up itself loads).
 */
final class ClassWarmer {
  static final String LIST = "META-INF/runs-mock-server/warm-classes.txt";

  private ClassWarmer() {}

  static void start() {
    if ("off".equals(System.getProperty("runs.mock.class-warmer"))) {
      return;
    }
    Thread thread = new Thread(ClassWarmer::warm, "class-warmer");
    thread.setDaemon(true);
    thread.setPriority(Thread.MIN_PRIORITY);
    thread.start();
  }

  private static void warm() {
    ClassLoader loader = ClassWarmer.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(LIST)) {
      if (in == null) {
        return;
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String name;
      while ((name = reader.readLine()) != null) {
        try {
          Class.forName(name.trim(), false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
          // a stale entry: the list is only a hint
        }
      }
    } catch (java.io.IOException e) {
      // no warm-up then
    }
  }
}
