package dev.runsapi.mock.http;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The short way of a listRuns answer through Spring MVC: its arguments from the validated query
 * ({@link ListRunsArguments}), its runs from prepared JSON ({@link RunJsonCache}), its body written
 * from those bytes ({@link PreparedRunsPageConverter}).
 */
@Configuration(proxyBeanMethods = false)
public class PreparedAnswersConfig implements WebMvcConfigurer {

  /** Each run's JSON as {@link JsonConfig#jsonMapper} writes it, kept for the next answers. */
  @Bean
  public RunJsonCache runJsonCache(JsonMapper jsonMapper) {
    return new RunJsonCache(jsonMapper, RunJsonCache.defaultBudget());
  }

  /** Ahead of Jackson's converter, which writes every other body. */
  @Override
  public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
    builder.addCustomConverter(new PreparedRunsPageConverter());
  }

  /**
   * {@link ListRunsArguments} ahead of Spring's resolvers: resolvers added the usual way
   * ({@code addArgumentResolvers}) are asked only after Spring's own {@code @RequestParam} one.
   * And no application event per request.
   */
  @Bean
  static BeanPostProcessor listRunsArgumentsFirst() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String name) {
        if (bean instanceof DispatcherServlet dispatcher) {
          // a ServletRequestHandledEvent per request, which nothing here listens to
          dispatcher.setPublishEvents(false);
        }
        if (bean instanceof RequestMappingHandlerAdapter adapter && adapter.getArgumentResolvers() != null) {
          List<HandlerMethodArgumentResolver> resolvers = new ArrayList<>();
          resolvers.add(new ListRunsArguments());
          resolvers.addAll(adapter.getArgumentResolvers());
          adapter.setArgumentResolvers(resolvers);
        }
        return bean;
      }
    };
  }
}
