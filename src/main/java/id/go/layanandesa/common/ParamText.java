package id.go.layanandesa.common;

import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.Map;

/**
 * The text of every query parameter and of the path obeys {@link InputRules}, before any resource reads it: a
 * NUL in a search term is a 400 naming the parameter, not a failed query.
 */
public class ParamText {

    @ServerRequestFilter(preMatching = true)
    public void check(UriInfo uri) {
        String pathProblem = InputRules.textProblem(uri.getPath(true));
        if (pathProblem != null) {
            throw new ParamConverters.InvalidParameterException(null, "the path " + pathProblem);
        }
        for (Map.Entry<String, List<String>> parameter : uri.getQueryParameters(true).entrySet()) {
            String name = parameter.getKey();
            String nameProblem = InputRules.textProblem(name);
            if (nameProblem != null) {
                throw new ParamConverters.InvalidParameterException(null, "a query parameter name " + nameProblem);
            }
            for (String value : parameter.getValue()) {
                String problem = InputRules.textProblem(value);
                if (problem != null) {
                    throw new ParamConverters.InvalidParameterException(name, problem);
                }
            }
        }
    }
}
