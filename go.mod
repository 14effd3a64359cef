module tcpplayground

go 1.26
