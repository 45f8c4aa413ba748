# certify module (issue 5): population landscape, polish, Krawczyk, certificates
