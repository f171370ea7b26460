//! The template libraries: classic and category templates for template messages, categories,
//! titles and keywords for subscribe notifications, and the industry code table.
