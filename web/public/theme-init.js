// Applies the saved (or system) colour theme before first paint to avoid a flash.
(function () {
  try {
    var stored = localStorage.getItem('nex7.theme');
    var dark = stored === 'dark' || stored === 'light'
      ? stored === 'dark'
      : window.matchMedia('(prefers-color-scheme: dark)').matches;
    document.documentElement.classList.toggle('dark', dark);
  } catch (e) {
    /* storage unavailable: keep default */
  }
})();
