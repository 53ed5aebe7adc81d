package io.contacthub.hub;

import io.contacthub.hub.config.ConfigException;
import io.contacthub.hub.config.ConfigLoader;
import io.contacthub.hub.config.HubConfig;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts the hub: {@code java -jar contact-hub.jar [--config path/to/hub.yaml]}. Without --config
 * it reads {@code config/hub.yaml} from the working directory when present, else the bundled
 * default; the environment overrides every key.
 */
public final class HubMain {

  private HubMain() {}

  public static void main(String[] args) {
    HubConfig config;
    try {
      config = HubConfig.from(ConfigLoader.load(configFile(args), System.getenv()));
    } catch (ConfigException e) {
      System.err.println("contact-hub: invalid configuration: " + e.getMessage());
      System.exit(2);
      return;
    }
    HubApplication.start(config)
        .onSuccess(
            app -> {
              System.out.println(app.banner());
              Runtime.getRuntime()
                  .addShutdownHook(
                      new Thread(
                          () -> {
                            try {
                              app.stop().toCompletionStage().toCompletableFuture().get();
                            } catch (Exception e) {
                              System.err.println("contact-hub: unclean stop: " + e.getMessage());
                            }
                          },
                          "hub-shutdown"));
            })
        .onFailure(
            e -> {
              System.err.println("contact-hub: failed to start: " + e.getMessage());
              System.exit(1);
            });
  }

  private static Path configFile(String[] args) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals("--config")) {
        return Path.of(args[i + 1]);
      }
    }
    String env = System.getenv("HUB_CONFIG");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    Path local = Path.of("config", "hub.yaml");
    return Files.isRegularFile(local) ? local : null;
  }
}
