/**
 * The dashboard page. It has no Java: the page is static (src/main/resources/static: index.html,
 * assets/app.js, assets/app.css) and reads only the JSON API, with the session and CSRF token that
 * config's DashboardSession hands out. The small read APIs it needs live in the modules that own
 * their data (incident, ingest, remediation). See docs/dashboard.md.
 */
package io.rebound.web;
