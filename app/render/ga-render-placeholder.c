int ga_render_placeholder_ (void); int ga_render_placeholder_ (void) { return 0; }
