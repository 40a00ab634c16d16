/** The dashboard page. Uses the APIs above. */
package io.rebound.web;
