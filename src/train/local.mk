# train module (issue 4)
