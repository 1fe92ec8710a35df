package io.partitionmq.admin;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Where the login form and the logout button post: {@link ConsoleLogin} has logged the user in by then. */
@WebServlet({ConsoleLogin.LOGIN_PATH, "/logout"})
public class LoginServlet extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        if ("/logout".equals(request.getServletPath())) {
            request.logout();
            if (request.getSession(false) != null) {
                request.getSession(false).invalidate();
            }
            response.sendRedirect(request.getContextPath() + ConsoleLogin.LOGIN_PAGE);
            return;
        }
        response.sendRedirect(request.getContextPath() + "/");
    }
}
