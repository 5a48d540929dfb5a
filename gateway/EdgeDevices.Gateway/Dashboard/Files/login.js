// The login page's one behaviour, in a file of its own: the gateway's Content-Security-Policy allows no inline script.
if (new URLSearchParams(location.search).has("failed")) document.getElementById("failed").hidden = false;
I18n.apply(I18n.current());
