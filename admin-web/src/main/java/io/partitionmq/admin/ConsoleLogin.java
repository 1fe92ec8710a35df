package io.partitionmq.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.AutoApplySession;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * How users log in: scripts send HTTP Basic credentials with each request; people log in once on the console's
 * login page (a form posted to {@code /login}) and keep a session. An unauthenticated browser is sent to the
 * login page; any other client gets a 401 with a JSON body.
 */
@ApplicationScoped
@AutoApplySession
public class ConsoleLogin implements HttpAuthenticationMechanism {
    static final String LOGIN_PAGE = "/login.html";
    static final String LOGIN_PATH = "/login";

    @Inject
    IdentityStoreHandler identities;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return basic(header.substring(6).trim(), response, context);
        }
        if ("POST".equals(request.getMethod()) && LOGIN_PATH.equals(request.getServletPath())) {
            CredentialValidationResult result = identities.validate(new UsernamePasswordCredential(
                    nonNull(request.getParameter("username")), nonNull(request.getParameter("password"))));
            if (result.getStatus() != CredentialValidationResult.Status.VALID) {
                return context.redirect(request.getContextPath() + LOGIN_PAGE + "?failed");
            }
            context.setRegisterSession(result.getCallerPrincipal().getName(), result.getCallerGroups());
            return context.notifyContainerAboutLogin(result);
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        String accept = request.getHeader("Accept");
        if (accept != null && accept.contains("text/html")) {
            return context.redirect(request.getContextPath() + LOGIN_PAGE);
        }
        return unauthorized(response, context);
    }

    private AuthenticationStatus basic(String encoded, HttpServletResponse response, HttpMessageContext context) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return unauthorized(response, context);
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return unauthorized(response, context);
        }
        CredentialValidationResult result = identities.validate(new UsernamePasswordCredential(
                decoded.substring(0, colon), decoded.substring(colon + 1)));
        return result.getStatus() == CredentialValidationResult.Status.VALID
                ? context.notifyContainerAboutLogin(result) : unauthorized(response, context);
    }

    private static AuthenticationStatus unauthorized(HttpServletResponse response, HttpMessageContext context) {
        response.setHeader("WWW-Authenticate", "Basic realm=\"PartitionMQ\"");
        return context.responseUnauthorized();
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
