package dev.runsapi.mock;

import dev.runsapi.mock.http.ApiGateFilter;
import dev.runsapi.mock.http.ContractController;
import dev.runsapi.mock.http.FallbackErrors;
import dev.runsapi.mock.http.JsonConfig;
import dev.runsapi.mock.http.RunsController;
import dev.runsapi.mock.http.TomcatErrorPages;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.servlet.autoconfigure.HttpEncodingAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The Spring side: the HTTP layer only; everything else arrives ready-made as a MockSetup bean.
 * The auto-configurations are named one by one, not discovered, to keep start-up well under the
 * 3 seconds the mock promises on a small machine.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@ImportAutoConfiguration({
  PropertyPlaceholderAutoConfiguration.class,
  TomcatServletWebServerAutoConfiguration.class,
  DispatcherServletAutoConfiguration.class,
  HttpEncodingAutoConfiguration.class,
  HttpMessageConvertersAutoConfiguration.class,
  WebMvcAutoConfiguration.class
})
@Import({
  JsonConfig.class,
  TomcatErrorPages.class,
  ApiGateFilter.class,
  RunsController.class,
  ContractController.class,
  FallbackErrors.class
})
public class MockServerApplication {}
